/* Mixed devices test guest: two taps and a block device in one manifest. */
#include "nettest.h"

static uint8_t buf[65536 + 14], blk[4096];

/* Stamps the block with the number of replies so far and reads it back. */
static void log_to_block(solo5_handle_t h, uint64_t bs, uint64_t replies)
{
    for (uint64_t i = 0; i < bs; i++)
        blk[i] = (uint8_t)(replies + i);
    if (solo5_block_write(h, 0, blk, bs) != SOLO5_R_OK)
        nt_fail("solo5_block_write");
    for (uint64_t i = 0; i < bs; i++)
        blk[i] = 0;
    if (solo5_block_read(h, 0, blk, bs) != SOLO5_R_OK ||
        blk[bs - 1] != (uint8_t)(replies + bs - 1))
        nt_fail("block read back differs");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    struct netif nif[2];
    struct solo5_block_info bi;
    solo5_handle_t bh;
    uint64_t n = nt_atou(si->cmdline), limit[2] = {n, n};

    nt_open(&nif[0], "service0", 10, 0, 0, 2);
    nt_open(&nif[1], "service1", 10, 1, 0, 2);
    if (solo5_block_acquire("storage", &bh, &bi) != SOLO5_R_OK || bh != 2 ||
        nif[0].h != 1 || nif[1].h != 3 || bi.block_size > sizeof blk)
        nt_fail("handles are not the manifest indices");
    nt_serve(nif, 2, limit, buf, sizeof buf, 30);
    log_to_block(bh, bi.block_size, nif[0].replies + nif[1].replies);
    nt_puts("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
