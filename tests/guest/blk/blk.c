/* Block test guest: whole-device patterns, last block, bad requests. */
#include "nettest.h"

static uint8_t wbuf[32768 * 2], rbuf[32768 * 2];

static void fill(uint8_t *b, size_t n, uint64_t block)
{
    for (size_t i = 0; i < n; i++)
        b[i] = (uint8_t)(block * 7 + i * 13 + (i >> 8));
}

/* Writes a distinct pattern to every block, then reads each back. */
static void whole_device(solo5_handle_t h, const struct solo5_block_info *bi)
{
    uint64_t n = bi->capacity / bi->block_size;

    for (uint64_t b = 0; b < n; b++) {
        fill(wbuf, bi->block_size, b);
        if (solo5_block_write(h, b * bi->block_size, wbuf, bi->block_size))
            nt_fail("write of an in-range block failed");
    }
    for (uint64_t b = 0; b < n; b++) {
        fill(wbuf, bi->block_size, b);
        if (solo5_block_read(h, b * bi->block_size, rbuf, bi->block_size))
            nt_fail("read of an in-range block failed");
        if (!nt_equal(wbuf, rbuf, bi->block_size))
            nt_fail("block read back differs from what was written");
    }
}

/* A request that must be refused, whatever the reason given. */
static void refused(solo5_handle_t h, solo5_off_t off, size_t len,
                    const char *what)
{
    if (solo5_block_write(h, off, wbuf, len) == SOLO5_R_OK ||
        solo5_block_read(h, off, rbuf, len) == SOLO5_R_OK) {
        nt_fail(what);
    }
}

int solo5_app_main(const struct solo5_start_info *si)
{
    struct solo5_block_info bi;
    solo5_handle_t h;
    uint64_t bs;

    (void)si;
    if (solo5_block_acquire("storage", &h, &bi) != SOLO5_R_OK)
        nt_fail("solo5_block_acquire");
    bs = bi.block_size;
    nt_puts("capacity ");
    nt_putu(bi.capacity);
    nt_puts(" block size ");
    nt_putu(bs);
    nt_puts("\n");
    if (bs > sizeof wbuf / 2 || bi.capacity % bs)
        nt_fail("odd geometry");
    whole_device(h, &bi);
    refused(h, bi.capacity, bs, "I/O at offset == capacity succeeded");
    refused(h, bi.capacity + bs, bs, "I/O past capacity succeeded");
    refused(h, ~(uint64_t)0 - bs + 1, bs, "I/O at a wrapping offset succeeded");
    refused(h, 1, bs, "I/O at offset 1 succeeded");
    refused(h, bs / 2, bs, "I/O at offset bs/2 succeeded");
    refused(h, 0, bs - 1, "I/O of bs-1 bytes succeeded");
    refused(h, 0, bs + 1, "I/O of bs+1 bytes succeeded");
    refused(h, bi.capacity - bs, 2 * bs,
            "I/O of two blocks across the end succeeded");
    refused(h, 0, 0, "I/O of 0 bytes succeeded");
    refused(h + 1, 0, bs, "I/O on a bad handle succeeded");
    nt_puts("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
