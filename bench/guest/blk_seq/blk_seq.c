/* Bench guest: block requests by bench_blk.h's plan on "storage"; rates. */
#include "bench_blk.h"
#include "benchg.h"

static uint8_t buf[BENCH_BLK_MAX_REQ] __attribute__((aligned(4096)));

static solo5_handle_t h;
static struct solo5_block_info bi;

static void io(int write, uint64_t off, uint64_t len)
{
    solo5_result_t rc = write ? solo5_block_write(h, off, buf, len)
                              : solo5_block_read(h, off, buf, len);
    if (rc != SOLO5_R_OK)
        nt_fail(write ? "solo5_block_write" : "solo5_block_read");
}

/* A request size this device and these bindings take, or the test fails. */
static uint64_t request(uint64_t req)
{
    size_t max;

    if (req == 0)
        req = bi.block_size;
    if (solo5_block_max_request(h, &max) != SOLO5_R_OK)
        nt_fail("solo5_block_max_request");
    if (req > sizeof buf || req > max || req % bi.block_size != 0)
        nt_fail("request size not taken");
    return req;
}

/* Reads (write == 0) or writes span bytes in order, req at a time. */
static void seq(int write, uint64_t req, uint64_t span)
{
    uint64_t t0 = solo5_clock_monotonic();

    for (uint64_t off = 0; off < span; off += req)
        io(write, off, req);
    bg_rate(write ? "write" : "read", span, solo5_clock_monotonic() - t0);
}

static void rnd(uint64_t req, uint64_t n)
{
    uint64_t s = BENCH_BLK_SEED, slots = bi.capacity / req;
    uint64_t t0 = solo5_clock_monotonic();

    for (uint64_t i = 0; i < n; i++)
        io(0, bench_blk_next(&s) % slots * req, req);
    bg_rate("rand", n * req, solo5_clock_monotonic() - t0);
}

static void flush(uint64_t n)
{
    uint64_t len = request(BENCH_BLK_FLUSH_LEN), slots = bi.capacity / len;
    uint64_t t0 = solo5_clock_monotonic();

    for (uint64_t i = 0; i < n; i++) {
        io(1, i % slots * len, len);
        if (solo5_block_flush(h) != SOLO5_R_OK)
            nt_fail("solo5_block_flush");
    }
    bg_rate("flush", n, solo5_clock_monotonic() - t0);
}

static int is(const char *p, const char *w)
{
    while (*w != '\0')
        if (*p++ != *w++)
            return 0;
    return *p == ' ' || *p == '\0';
}

int solo5_app_main(const struct solo5_start_info *si)
{
    const char *p = si->cmdline;
    uint64_t req;

    if (solo5_block_acquire("storage", &h, &bi) != SOLO5_R_OK)
        nt_fail("solo5_block_acquire");
    while (*p == ' ')
        p++;
    if (*p == '\0' || is(p, "seq")) { /* no words: every block, one a call */
        p += *p == '\0' ? 0 : 3;
        req = request(bg_next(&p));
        uint64_t span = bench_blk_span(bi.capacity, req, bg_next(&p));
        seq(0, req, span);
        seq(1, req, span);
    } else if (is(p, "rand")) {
        p += 4;
        req = request(bg_next(&p));
        rnd(req, bg_next(&p));
    } else if (is(p, "flush")) {
        p += 5;
        flush(bg_next(&p));
    } else
        nt_fail("usage: [seq REQ MB | rand REQ N | flush N]");
    return SOLO5_EXIT_SUCCESS;
}
