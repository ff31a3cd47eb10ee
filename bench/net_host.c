/* Net bench host baseline: "tx" writes frames to a tap, "rx" reads them. */
#include "bench_dev.h"

#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <unistd.h>

static uint8_t buf[65536 + 14];

/* Opens tap name the way solo5-spt does: no packet info, non-blocking. */
static int tap_open(const char *name)
{
    struct ifreq ifr = {.ifr_flags = IFF_TAP | IFF_NO_PI};
    int fd;

    if (strlen(name) >= IFNAMSIZ)
        return -1;
    fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0)
        return -1;
    memcpy(ifr.ifr_name, name, strlen(name));
    if (ioctl(fd, TUNSETIFF, &ifr) < 0)
        return -1;
    return fd;
}

/* Writes n frames of size bytes (broadcast, local experimental ethertype). */
static int tx(int fd, uint64_t n, size_t size)
{
    static const uint8_t hdr[14] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02,
                                    0x4b, 0x49, 0x4c, 0x4e, 0x02, 0x88, 0xb5};
    uint64_t ok = 0, t0, t1;

    if (size < sizeof hdr || size > sizeof buf)
        return 2;
    memcpy(buf, hdr, sizeof hdr);
    t0 = now_ns();
    for (uint64_t i = 0; i < n; i++)
        if (write(fd, buf, size) == (ssize_t)size)
            ok++;
    t1 = now_ns();
    print_rate("rate", n, t1 - t0);
    printf("ok %llu\n", (unsigned long long)ok);
    return 0;
}

/* Reads one frame from the control tap; 1 if it is the injector's "go". */
static int is_go(int ctl)
{
    ssize_t n = read(ctl, buf, sizeof buf);

    return n >= 14 && buf[12] == 0x88 && buf[13] == 0xb5;
}

/* Waits (epoll on both taps, as a guest's yield does) for the "go" frame. */
static int wait_go(int data, int ctl)
{
    struct epoll_event ev = {.events = EPOLLIN}, ready[2];
    int ep = epoll_create1(EPOLL_CLOEXEC), n;

    ev.data.fd = data;
    if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, data, &ev) < 0)
        return -1;
    ev.data.fd = ctl;
    if (epoll_ctl(ep, EPOLL_CTL_ADD, ctl, &ev) < 0)
        return -1;
    while ((n = epoll_wait(ep, ready, 2, 10000)) > 0)
        for (int i = 0; i < n; i++)
            if (ready[i].data.fd == ctl && is_go(ctl))
                return close(ep), 0;
    return -1;
}

/*
 * The injector queued a burst on data, then sent "go" on ctl: times reading
 * the queued frames until m or the queue is empty (read says EAGAIN).
 */
static int rx(int data, int ctl, uint64_t m)
{
    uint64_t count = 0, t0;

    if (wait_go(data, ctl) < 0)
        return fprintf(stderr, "net_host: no go frame\n"), 1;
    t0 = now_ns();
    while (count < m && read(data, buf, sizeof buf) > 0)
        count++;
    print_rate("rate", count, now_ns() - t0);
    printf("received %llu\n", (unsigned long long)count);
    return 0;
}

/* usage: net_host tx TAP N SIZE | net_host rx DATA_TAP CTL_TAP M */
int main(int argc, char **argv)
{
    int fd = argc == 5 ? tap_open(argv[2]) : -1;

    if (argc != 5 || (strcmp(argv[1], "tx") && strcmp(argv[1], "rx"))) {
        fprintf(stderr, "usage: net_host tx TAP N SIZE | rx DATA CTL M\n");
        return 2;
    }
    if (fd < 0)
        return perror(argv[2]), 1;
    if (argv[1][0] == 't')
        return tx(fd, arg_u64(argv[3]), (size_t)arg_u64(argv[4]));
    int ctl = tap_open(argv[3]);
    if (ctl < 0)
        return perror(argv[3]), 1;
    return rx(fd, ctl, arg_u64(argv[4]));
}
