/* Bench guest: reads, then writes, every block of "storage"; prints B/s. */
#include "benchg.h"

static uint8_t buf[32768] __attribute__((aligned(4096)));

/* Reads (write == 0) or writes every block in order; bytes per second. */
static void pass(solo5_handle_t h, const struct solo5_block_info *bi, int write)
{
    uint64_t bs = bi->block_size, t0 = solo5_clock_monotonic();

    for (uint64_t off = 0; off + bs <= bi->capacity; off += bs) {
        solo5_result_t rc = write ? solo5_block_write(h, off, buf, bs)
                                  : solo5_block_read(h, off, buf, bs);
        if (rc != SOLO5_R_OK)
            nt_fail(write ? "solo5_block_write" : "solo5_block_read");
    }
    bg_rate(write ? "write" : "read", bi->capacity / bs * bs,
            solo5_clock_monotonic() - t0);
}

int solo5_app_main(const struct solo5_start_info *si)
{
    struct solo5_block_info bi;
    solo5_handle_t h;

    (void)si;
    if (solo5_block_acquire("storage", &h, &bi) != SOLO5_R_OK)
        nt_fail("solo5_block_acquire");
    if (bi.block_size > sizeof buf)
        nt_fail("block size too large");
    pass(h, &bi, 0);
    pass(h, &bi, 1);
    return SOLO5_EXIT_SUCCESS;
}
