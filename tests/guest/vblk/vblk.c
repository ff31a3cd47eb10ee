/* Block test guest: whole-device requests of many sizes, flush, read-only. */
#include "nettest.h"

#define BUF_MAX (4U << 20)

static uint8_t wbuf[BUF_MAX] __attribute__((aligned(4096)));
static uint8_t rbuf[BUF_MAX] __attribute__((aligned(4096)));

/* Byte o of the pattern (tests/virtio.bats computes it too). */
static uint8_t pat(uint64_t o)
{
    return (uint8_t)(o ^ ((o >> 8) * 31) ^ ((o >> 17) * 7));
}

static const char *result(solo5_result_t r)
{
    return r == SOLO5_R_OK       ? "OK"
           : r == SOLO5_R_EINVAL ? "EINVAL"
           : r == SOLO5_R_AGAIN  ? "AGAIN"
                                 : "EUNSPEC";
}

/* The k-th request size: one block, several, across chains and segments,
 * the maximum; whole blocks, at most max and what is left. */
static size_t req_size(unsigned k, uint64_t bs, size_t max, uint64_t left)
{
    const uint64_t sizes[] = {
        bs,    8 * bs, 65536 + bs, 262144 + 3 * bs, max, (uint64_t)max - bs,
        3 * bs};
    uint64_t n = sizes[k % (sizeof sizes / sizeof sizes[0])];

    n = n > max ? max : n;
    n = n > left ? left : n;
    return (size_t)n;
}

static void fill(uint8_t *b, uint64_t off, size_t n)
{
    for (size_t i = 0; i < n; i++)
        b[i] = pat(off + i);
}

/* Reads the device with sizes starting at k0, checking the pattern. */
static void read_all(solo5_handle_t h, const struct solo5_block_info *bi,
                     size_t max, unsigned k0)
{
    unsigned k = k0;

    for (uint64_t off = 0; off < bi->capacity; k++) {
        size_t n = req_size(k, bi->block_size, max, bi->capacity - off);

        if (solo5_block_read(h, off, rbuf, n) != SOLO5_R_OK)
            nt_fail("read of an in-range request failed");
        fill(wbuf, off, n);
        if (!nt_equal(wbuf, rbuf, n))
            nt_fail("data read back differs from the pattern");
        off += n;
    }
}

static void write_all(solo5_handle_t h, const struct solo5_block_info *bi,
                      size_t max)
{
    unsigned k = 0;

    for (uint64_t off = 0; off < bi->capacity; k++) {
        size_t n = req_size(k, bi->block_size, max, bi->capacity - off);

        fill(wbuf, off, n);
        if (solo5_block_write(h, off, wbuf, n) != SOLO5_R_OK)
            nt_fail("write of an in-range request failed");
        off += n;
    }
}

/* On a read-only disk every write is refused, none changes the disk. */
static void read_only(solo5_handle_t h, const struct solo5_block_info *bi,
                      size_t max)
{
    solo5_result_t r1 = solo5_block_write(h, 0, wbuf, bi->block_size),
                   r2 = solo5_block_write(h, bi->capacity - max, wbuf, max);

    nt_puts("write on read-only: ");
    nt_puts(result(r1));
    nt_puts(" ");
    nt_puts(result(r2));
    nt_puts("\n");
    if (r1 == SOLO5_R_OK || r2 == SOLO5_R_OK)
        nt_fail("a write on a read-only disk succeeded");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    struct solo5_block_info bi;
    solo5_handle_t h;
    size_t max;
    bool ro = si->cmdline[0] == 'r' && si->cmdline[1] == 'o';

    if (solo5_block_acquire("storage", &h, &bi) != SOLO5_R_OK ||
        solo5_block_max_request(h, &max) != SOLO5_R_OK)
        nt_fail("solo5_block_acquire");
    nt_puts("capacity ");
    nt_putu(bi.capacity);
    nt_puts(" block size ");
    nt_putu(bi.block_size);
    nt_puts(" max request ");
    nt_putu(max);
    nt_puts("\n");
    if (max > BUF_MAX)
        max = BUF_MAX;
    if (max < (1U << 20) || max % bi.block_size || bi.capacity < max)
        nt_fail("odd geometry or maximum");
    if (!ro)
        write_all(h, &bi, max);
    else
        read_only(h, &bi, max);
    read_all(h, &bi, max, 3);
    nt_puts("flush ");
    nt_puts(result(solo5_block_flush(h)));
    nt_puts("\n");
    nt_puts("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
