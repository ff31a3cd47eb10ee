/* Net rx bench injector: queues frames on a tap, then "go" on another. */
#include "bench_dev.h"

#include <linux/if_packet.h>
#include <net/if.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define BATCH 64 /* frames per sendmmsg */

static uint8_t frame[65536] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02,
                               0x4b, 0x49, 0x4c, 0x4e, 0x03, 0x88, 0xb5};

/* A raw packet socket bound to iface that bypasses the qdisc. */
static int inject_socket(const char *iface)
{
    struct sockaddr_ll sa = {.sll_family = AF_PACKET};
    int one = 1, s = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);

    sa.sll_ifindex = (int)if_nametoindex(iface);
    if (s < 0 || sa.sll_ifindex == 0)
        return -1;
    if (setsockopt(s, SOL_PACKET, PACKET_QDISC_BYPASS, &one, sizeof one) < 0 ||
        bind(s, (struct sockaddr *)&sa, sizeof sa) < 0)
        return -1;
    return s;
}

/* Waits up to 10 s for iface to have carrier: a reader attached its tap. */
static int wait_carrier(int s, const char *iface)
{
    struct ifreq ifr = {0};

    snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", iface);
    for (int i = 0; i < 10000; i++) {
        if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
            return -1;
        if (ifr.ifr_flags & IFF_RUNNING)
            return 0;
        usleep(1000);
    }
    return -1;
}

/*
 * Sends count frames of size bytes in batches; returns how many the tap took.
 * The tap sometimes refuses a frame for a moment (ENOBUFS): that frame is
 * sent again, until 100000 calls in a row made no progress.
 */
static uint64_t burst(int s, size_t size, uint64_t count)
{
    struct iovec iov = {.iov_base = frame, .iov_len = size};
    struct mmsghdr msgs[BATCH];
    uint64_t sent = 0;

    memset(msgs, 0, sizeof msgs);
    for (int i = 0; i < BATCH; i++) {
        msgs[i].msg_hdr.msg_iov = &iov;
        msgs[i].msg_hdr.msg_iovlen = 1;
    }
    for (int stuck = 0; sent < count && stuck < 100000;) {
        uint64_t left = count - sent;
        int r = sendmmsg(s, msgs, left < BATCH ? (unsigned)left : BATCH, 0);
        stuck = r > 0 ? 0 : stuck + 1;
        sent += r > 0 ? (uint64_t)r : 0;
    }
    return sent;
}

/* usage: net_inject DATA_IFACE CTL_IFACE SIZE COUNT */
int main(int argc, char **argv)
{
    size_t size = argc == 5 ? (size_t)arg_u64(argv[3]) : 0;
    int d = argc == 5 ? inject_socket(argv[1]) : -1;
    int c = argc == 5 ? inject_socket(argv[2]) : -1;
    uint64_t sent;

    if (size < 14 || size > sizeof frame) {
        fprintf(stderr, "usage: net_inject DATA_IFACE CTL_IFACE SIZE COUNT\n");
        return 2;
    }
    if (d < 0 || c < 0 || wait_carrier(d, argv[1]) || wait_carrier(c, argv[2]))
        return perror("net_inject"), 1;
    sent = burst(d, size, arg_u64(argv[4]));
    if (burst(c, 60, 1) != 1)
        return perror("net_inject: go frame"), 1;
    printf("queued %llu\n", (unsigned long long)sent);
    return 0;
}
