/* Network test guest: writes N frames as fast as it can. */
#include "nettest.h"

static uint8_t frame[1514];

int solo5_app_main(const struct solo5_start_info *si)
{
    struct netif nif;
    uint64_t n = nt_atou(si->cmdline), ok = 0;

    nt_open(&nif, "service0", 10, 0, 0, 2);
    for (int i = 0; i < 6; i++)
        frame[i] = 0xff;
    nt_copy(frame + 6, nif.info.mac_address, 6);
    nt_put16(frame + 12, 0x88b5); /* IEEE local experimental ethertype */
    for (uint64_t i = 0; i < n; i++) {
        size_t len = 60 + (size_t)(i % (sizeof frame - 59));
        solo5_result_t rc = solo5_net_write(nif.h, frame, len);
        if (rc == SOLO5_R_OK)
            ok++;
        else if (rc != SOLO5_R_EUNSPEC)
            nt_fail("unexpected net_write result");
    }
    nt_puts("written: ");
    nt_putu(ok);
    nt_puts("\nSUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
