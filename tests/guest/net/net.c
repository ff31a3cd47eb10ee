/* Network test guest: ARP and ping as 10.0.0.2 until N replies. */
#include "nettest.h"

static uint8_t buf[65536 + 14];

int solo5_app_main(const struct solo5_start_info *si)
{
    struct netif nif;
    uint64_t limit = nt_atou(si->cmdline);

    nt_open(&nif, "service0", 10, 0, 0, 2);
    if (nif.info.mtu + SOLO5_NET_HLEN > sizeof buf)
        nt_fail("MTU too large");
    nt_serve(&nif, 1, &limit, buf, nif.info.mtu + SOLO5_NET_HLEN, 30);
    nt_puts("replies: ");
    nt_putu(nif.replies);
    nt_puts("\nSUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
