/* Durability test guest: numbered block writes, "ACK n" after each. */
#include "nettest.h"

#define MAGIC 0x4b494c4e424c4b31ULL /* "KILNBLK1" */

static uint8_t blk[32768];

/* Block layout: magic, seq, then bytes derived from seq (checked by the host).
 */
static void record(uint64_t seq, size_t bs)
{
    for (int i = 0; i < 8; i++) {
        blk[i] = (uint8_t)(MAGIC >> (8 * i));
        blk[8 + i] = (uint8_t)(seq >> (8 * i));
    }
    for (size_t i = 16; i < bs; i++)
        blk[i] = (uint8_t)(seq * 31 + i);
}

int solo5_app_main(const struct solo5_start_info *si)
{
    struct solo5_block_info bi;
    solo5_handle_t h;
    uint64_t max = nt_atou(si->cmdline), nblocks;

    if (solo5_block_acquire("storage", &h, &bi) != SOLO5_R_OK)
        nt_fail("solo5_block_acquire");
    if (bi.block_size > sizeof blk)
        nt_fail("block size too large");
    nblocks = bi.capacity / bi.block_size;
    for (uint64_t seq = 1; seq <= max; seq++) {
        record(seq, bi.block_size);
        if (solo5_block_write(h, (seq % nblocks) * bi.block_size, blk,
                              bi.block_size) != SOLO5_R_OK)
            nt_fail("solo5_block_write");
        nt_puts("ACK ");
        nt_putu(seq);
        nt_puts("\n");
    }
    nt_puts("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
