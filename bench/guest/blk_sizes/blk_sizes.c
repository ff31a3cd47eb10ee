/* Bench guest: reads, then writes, "storage" in requests of one size (argv). */
#include "benchg.h"

#define BUF_MAX (1U << 20)

static uint8_t buf[BUF_MAX] __attribute__((aligned(4096)));

/* Reads (write == 0) or writes the device in order; bytes per second. */
static void pass(solo5_handle_t h, uint64_t capacity, size_t req, int write)
{
    uint64_t t0 = solo5_clock_monotonic(), off;

    for (off = 0; off + req <= capacity; off += req) {
        solo5_result_t rc = write ? solo5_block_write(h, off, buf, req)
                                  : solo5_block_read(h, off, buf, req);
        if (rc != SOLO5_R_OK)
            nt_fail(write ? "solo5_block_write" : "solo5_block_read");
    }
    bg_rate(write ? "write" : "read", off, solo5_clock_monotonic() - t0);
}

int solo5_app_main(const struct solo5_start_info *si)
{
    const char *p = si->cmdline;
    struct solo5_block_info bi;
    size_t req = (size_t)bg_next(&p), max;
    uint64_t mib = bg_next(&p); /* how much to move; 0: the whole device */
    solo5_handle_t h;

    if (solo5_block_acquire("storage", &h, &bi) != SOLO5_R_OK ||
        solo5_block_max_request(h, &max) != SOLO5_R_OK)
        nt_fail("solo5_block_acquire");
    if (req == 0 || req > BUF_MAX || req > max || req % bi.block_size != 0)
        nt_fail("the request size must be whole blocks up to 1 MiB");
    for (size_t i = 0; i < req; i++)
        buf[i] = (uint8_t)(i * 7);
    if (mib != 0 && mib << 20 < bi.capacity)
        bi.capacity = mib << 20;
    pass(h, bi.capacity, req, 0);
    pass(h, bi.capacity, req, 1);
    return SOLO5_EXIT_SUCCESS;
}
