/* Block request guest: one request of many blocks each way, then a flush. */
#include "nettest.h"

#define BLOCKS 8 /* blocks in the one write and the one read */

static uint8_t wbuf[BLOCKS * 4096], rbuf[BLOCKS * 4096];

int solo5_app_main(const struct solo5_start_info *si)
{
    struct solo5_block_info bi;
    solo5_handle_t h;
    size_t n;

    (void)si;
    if (solo5_block_acquire("storage", &h, &bi) != SOLO5_R_OK)
        nt_fail("solo5_block_acquire");
    n = BLOCKS * bi.block_size;
    if (n > sizeof wbuf || n > bi.capacity)
        nt_fail("odd geometry");
    for (size_t i = 0; i < n; i++)
        wbuf[i] = (uint8_t)(i * 29 + (i >> 9));
    if (solo5_block_write(h, 0, wbuf, n) != SOLO5_R_OK)
        nt_fail("write of many blocks failed");
    if (solo5_block_read(h, 0, rbuf, n) != SOLO5_R_OK)
        nt_fail("read of many blocks failed");
    if (!nt_equal(wbuf, rbuf, n))
        nt_fail("blocks read back differ from what was written");
    if (solo5_block_flush(h) != SOLO5_R_OK)
        nt_fail("flush failed");
    nt_puts("request ");
    nt_putu(n);
    nt_puts(" bytes\nSUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
