/* Durability test guest: numbered block writes, acknowledged one by one. */
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

/* Prints "WORD seq\n" with one console write, so that the lines of two guests
 * sharing a console do not mix. */
static void ack(const char *word, uint64_t seq)
{
    char line[48], digits[21];
    size_t n = 0, d = 0;

    while (*word)
        line[n++] = *word++;
    line[n++] = ' ';
    do {
        digits[d++] = (char)('0' + seq % 10);
        seq /= 10;
    } while (seq);
    while (d)
        line[n++] = digits[--d];
    line[n++] = '\n';
    solo5_console_write(line, n);
}

/* The word at *s is w followed by a space: skips both. */
static int word(const char **s, const char *w)
{
    const char *p = *s;

    while (*w && *p == *w)
        p++, w++;
    if (*w || *p != ' ')
        return 0;
    *s = p + 1;
    return 1;
}

/*
 * Command line: [flush] [hold] COUNT. Writes COUNT numbered blocks, cycling
 * over the device; with "flush", calls solo5_block_flush after each write and
 * prints "FLUSH n" once it returned OK, else prints "ACK n" once the write
 * returned. With "hold" it then waits forever instead of exiting, so that the
 * host keeps the device open (a last close writes a Linux block device back).
 */
int solo5_app_main(const struct solo5_start_info *si)
{
    struct solo5_block_info bi;
    solo5_handle_t h;
    const char *arg = si->cmdline;
    int flush = word(&arg, "flush"), hold = word(&arg, "hold");
    uint64_t max = nt_atou(arg), nblocks;

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
        if (flush && solo5_block_flush(h) != SOLO5_R_OK)
            nt_fail("solo5_block_flush");
        ack(flush ? "FLUSH" : "ACK", seq);
    }
    nt_puts("SUCCESS\n");
    while (hold)
        solo5_yield(solo5_clock_monotonic() + 1000000000ULL, NULL);
    return SOLO5_EXIT_SUCCESS;
}
