/* Bench guest: writes N frames of SIZE bytes ("N SIZE"), prints the rate. */
#include "benchg.h"

static uint8_t frame[65536 + SOLO5_NET_HLEN];

/* Broadcast frame from our MAC, local experimental ethertype. */
static void fill_header(const struct netif *nif)
{
    for (int i = 0; i < 6; i++)
        frame[i] = 0xff;
    nt_copy(frame + 6, nif->info.mac_address, 6);
    nt_put16(frame + 12, 0x88b5);
}

int solo5_app_main(const struct solo5_start_info *si)
{
    const char *p = si->cmdline;
    uint64_t n = bg_next(&p), size = bg_next(&p), ok = 0, t0, t1;
    struct netif nif;

    nt_open(&nif, "service0", 10, 0, 0, 2);
    if (size < SOLO5_NET_HLEN || size > nif.info.mtu + SOLO5_NET_HLEN)
        nt_fail("bad frame size");
    fill_header(&nif);
    t0 = solo5_clock_monotonic();
    for (uint64_t i = 0; i < n; i++)
        if (solo5_net_write(nif.h, frame, size) == SOLO5_R_OK)
            ok++;
    t1 = solo5_clock_monotonic();
    bg_rate("rate", n, t1 - t0);
    nt_puts("ok ");
    nt_putu(ok);
    nt_puts("\n");
    return SOLO5_EXIT_SUCCESS;
}
