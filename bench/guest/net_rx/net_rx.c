/* Bench guest: on "go" (ctl), times reading up to M queued frames on data. */
#include "benchg.h"

static uint8_t buf[65536 + SOLO5_NET_HLEN];

/* Reads one frame from ctl; 1 if it is the injector's "go". */
static int is_go(const struct netif *ctl)
{
    size_t len;

    if (solo5_net_read(ctl->h, buf, sizeof buf, &len) != SOLO5_R_OK)
        return 0;
    return len >= SOLO5_NET_HLEN && nt_be16(buf + 12) == 0x88b5;
}

/* Yields until "go" arrives on ctl (data being ready wakes us, too). */
static void wait_go(const struct netif *ctl)
{
    solo5_time_t deadline = solo5_clock_monotonic() + 10000000000ULL;
    solo5_handle_set_t ready;

    do {
        ready = 0;
        solo5_yield(deadline, &ready);
        if (ready == 0)
            nt_fail("no go frame");
    } while (!(ready & (1ULL << ctl->h)) || !is_go(ctl));
}

/*
 * Same as net_host rx: the injector queued a burst on data, then sent "go"
 * on ctl; times reading the queue until m frames or AGAIN (queue empty).
 */
int solo5_app_main(const struct solo5_start_info *si)
{
    uint64_t m = nt_atou(si->cmdline), count = 0, t0;
    struct netif data, ctl;
    size_t len;

    nt_open(&data, "data", 10, 0, 0, 2);
    nt_open(&ctl, "ctl", 10, 1, 0, 2);
    if (data.info.mtu + SOLO5_NET_HLEN > sizeof buf ||
        ctl.info.mtu + SOLO5_NET_HLEN > sizeof buf)
        nt_fail("MTU too large");
    wait_go(&ctl);
    t0 = solo5_clock_monotonic();
    while (count < m &&
           solo5_net_read(data.h, buf, sizeof buf, &len) == SOLO5_R_OK)
        count++;
    bg_rate("rate", count, solo5_clock_monotonic() - t0);
    nt_puts("received ");
    nt_putu(count);
    nt_puts("\n");
    return SOLO5_EXIT_SUCCESS;
}
