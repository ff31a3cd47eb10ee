/* Block test guest: many blocks a request, limits, flush (spec 10.1). */
#include "nettest.h"

/* What the final pass leaves at byte o of the device (tests/lib/blk.sh). */
static uint8_t at(uint64_t o, unsigned pass)
{
    return (uint8_t)(o * 31 + (o >> 9) * 7 + (o >> 17) + pass * 101);
}

static void fill(uint8_t *b, uint64_t off, size_t n, unsigned pass)
{
    for (size_t i = 0; i < n; i++)
        b[i] = at(off + i, pass);
}

static int same(const uint8_t *b, uint64_t off, size_t n, unsigned pass)
{
    for (size_t i = 0; i < n; i++)
        if (b[i] != at(off + i, pass))
            return 0;
    return 1;
}

struct dev {
    solo5_handle_t h;
    uint64_t cap, bs;
    size_t max;
    uint8_t *wbuf, *rbuf; /* max bytes each */
};

/* Writes the whole device with requests of size bytes (the last one what is
 * left), the pattern of pass. */
static void write_all(const struct dev *d, size_t size, unsigned pass)
{
    for (uint64_t off = 0; off < d->cap; off += size) {
        size_t n = d->cap - off < size ? (size_t)(d->cap - off) : size;
        fill(d->wbuf, off, n, pass);
        if (solo5_block_write(d->h, off, d->wbuf, n) != SOLO5_R_OK)
            nt_fail("a write of whole blocks inside the device failed");
    }
}

/* Reads the whole device back with requests of size bytes. */
static void read_all(const struct dev *d, size_t size, unsigned pass)
{
    for (uint64_t off = 0; off < d->cap; off += size) {
        size_t n = d->cap - off < size ? (size_t)(d->cap - off) : size;
        if (solo5_block_read(d->h, off, d->rbuf, n) != SOLO5_R_OK)
            nt_fail("a read of whole blocks inside the device failed");
        if (!same(d->rbuf, off, n, pass))
            nt_fail("data read back differs from what was written");
    }
}

/* A request that must be refused with EINVAL both ways. */
static void refused(const struct dev *d, solo5_handle_t h, uint64_t off,
                    size_t len, const char *what)
{
    if (solo5_block_write(h, off, d->wbuf, len) != SOLO5_R_EINVAL ||
        solo5_block_read(h, off, d->rbuf, len) != SOLO5_R_EINVAL) {
        nt_puts("not refused with EINVAL: ");
        nt_fail(what);
    }
}

static void refusals(const struct dev *d)
{
    uint64_t bs = d->bs, cap = d->cap;

    refused(d, d->h, 0, 0, "zero bytes");
    refused(d, d->h, 0, bs + 1, "a block and a byte");
    refused(d, d->h, 0, bs / 2, "half a block");
    refused(d, d->h, 0, d->max - 1, "the maximum less a byte");
    refused(d, d->h, 0, d->max + bs, "the maximum and a block");
    refused(d, d->h, 0, 2 * d->max, "twice the maximum");
    refused(d, d->h, 1, bs, "a block at offset 1");
    refused(d, d->h, bs / 2, 2 * bs, "two blocks at half a block");
    refused(d, d->h, cap, bs, "a block at the capacity");
    refused(d, d->h, cap - bs, 2 * bs, "two blocks across the end");
    if (cap >= d->max)
        refused(d, d->h, cap - d->max + bs, d->max,
                "the maximum across the end");
    refused(d, d->h, ~(uint64_t)0 - bs + 1, 2 * bs, "an offset that wraps");
    refused(d, d->h, (1ULL << 32) - bs + cap, 2 * bs, "past the end, 4 GiB on");
    refused(d, d->h + 1, 0, bs, "a bad handle");
}

/* The request sizes of the passes: one block to the maximum, odd multiples. */
static size_t sizes(const struct dev *d, size_t *out)
{
    size_t blocks = d->max / d->bs, n = 0;
    const size_t mult[] = {1, 2, 3, 7, 8, 31, 65536 / 512};

    for (size_t i = 0; i < sizeof mult / sizeof mult[0]; i++)
        if (mult[i] < blocks)
            out[n++] = mult[i] * d->bs;
    out[n++] = (blocks - 1) * d->bs;
    out[n++] = blocks * d->bs;
    return n;
}

static void flush(const struct dev *d, const char *want)
{
    solo5_result_t rc = solo5_block_flush(d->h);

    nt_puts(rc == SOLO5_R_OK        ? "flush OK\n"
            : rc == SOLO5_R_EUNSPEC ? "flush EUNSPEC\n"
                                    : "flush other\n");
    if (want[0] == 'o'   ? rc != SOLO5_R_OK
        : want[0] == 'u' ? rc != SOLO5_R_EUNSPEC
                         : rc != SOLO5_R_OK && rc != SOLO5_R_EUNSPEC)
        nt_fail("flush did not return what the host offers");
    if (solo5_block_flush(d->h + 1) != SOLO5_R_EINVAL)
        nt_fail("flush of a bad handle is not EINVAL");
}

static void setup(struct dev *d, const struct solo5_start_info *si)
{
    struct solo5_block_info bi;

    if (solo5_block_acquire("storage", &d->h, &bi) != SOLO5_R_OK)
        nt_fail("solo5_block_acquire");
    d->cap = bi.capacity;
    d->bs = bi.block_size;
    if (solo5_block_max_request(d->h, &d->max) != SOLO5_R_OK)
        nt_fail("solo5_block_max_request");
    nt_puts("capacity ");
    nt_putu(d->cap);
    nt_puts(" block size ");
    nt_putu(d->bs);
    nt_puts(" max request ");
    nt_putu(d->max);
    nt_puts("\n");
    if (d->max < SOLO5_BLOCK_MAX_REQUEST_MIN || d->max % d->bs != 0)
        nt_fail("max request below 1 MiB or not whole blocks");
    if (solo5_block_max_request(d->h + 1, &d->max) != SOLO5_R_EINVAL)
        nt_fail("max request of a bad handle is not EINVAL");
    /* The stack is at the heap's top: leave it 256 KiB. */
    if (si->heap_size < 2 * (uint64_t)d->max + (256 << 10))
        nt_fail("heap too small for two requests of the maximum (--mem)");
    d->wbuf = (uint8_t *)si->heap_start;
    d->rbuf = d->wbuf + d->max;
}

/* Argument: what flush must return: "ok", "unspec", or "any" of the two. */
int solo5_app_main(const struct solo5_start_info *si)
{
    struct dev d;
    size_t sz[16], n;

    setup(&d, si);
    n = sizes(&d, sz);
    for (size_t i = 0; i < n; i++) {
        write_all(&d, sz[i], (unsigned)i + 1);
        read_all(&d, sz[(i + 1) % n], (unsigned)i + 1);
    }
    nt_puts("passes ");
    nt_putu(n);
    nt_puts(" from ");
    nt_putu(sz[0]);
    nt_puts(" to ");
    nt_putu(sz[n - 1]);
    nt_puts(" bytes\n");
    write_all(&d, sz[n - 2], 0);
    flush(&d, si->cmdline);
    refusals(&d);
    read_all(&d, d.max, 0);
    nt_puts("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
