/* Network test guest: reports the MTU the tender read from the tap device. */
#include "nettest.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    struct netif nif;

    (void)si;
    nt_open(&nif, "service0", 10, 2, 0, 2);
    nt_puts("MTU is ");
    nt_putu(nif.info.mtu);
    nt_puts("\n");
    if (nif.info.mac_address[0] & 1)
        nt_fail("MAC address is multicast");
    nt_puts("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
