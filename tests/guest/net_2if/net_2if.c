/* Network test guest: two interfaces, N ping replies on each. */
#include "nettest.h"

static uint8_t buf[65536 + 14];

int solo5_app_main(const struct solo5_start_info *si)
{
    struct netif nif[2];
    uint64_t n = nt_atou(si->cmdline), limit[2] = {n, n};

    nt_open(&nif[0], "service0", 10, 0, 0, 2);
    nt_open(&nif[1], "service1", 10, 1, 0, 2);
    if (nif[0].h == nif[1].h)
        nt_fail("both interfaces got the same handle");
    nt_serve(nif, 2, limit, buf, sizeof buf, 30);
    nt_puts("replies: ");
    nt_putu(nif[0].replies);
    nt_puts(" ");
    nt_putu(nif[1].replies);
    nt_puts("\nSUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
