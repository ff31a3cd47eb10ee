/* Manifest limit test guest: 63 block devices, first and last used. */
#include "nettest.h"

static uint8_t buf[512];

static void check(const char *name, solo5_handle_t want)
{
    struct solo5_block_info bi;
    solo5_handle_t h;

    if (solo5_block_acquire(name, &h, &bi) != SOLO5_R_OK || h != want)
        nt_fail("acquire");
    if (solo5_block_write(h, 0, buf, 512) != SOLO5_R_OK ||
        solo5_block_read(h, 0, buf, 512) != SOLO5_R_OK)
        nt_fail("I/O");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    (void)si;
    check("storage0", 1);
    check("storage62", 63);
    nt_puts("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
