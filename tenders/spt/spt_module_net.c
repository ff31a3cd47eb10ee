/* solo5-spt net module: --net taps, MACs, epoll, read/write rules. */
#include "spt.h"

#include <err.h>
#include <sys/epoll.h>
#include <sys/syscall.h>

/* What the command line asked for, by manifest index. */
static struct {
    const char *iface; /* "tap0" or "@FD" */
    bool have_mac;
    uint8_t mac[6];
} net[MFT_MAX_ENTRIES];

static int handle_option(struct spt *spt, const char *opt)
{
    const char *value;
    unsigned idx;
    int rc =
        spt_device_option(spt, opt, "net", MFT_DEV_NET_BASIC, &value, &idx);

    if (rc == 0 && net[idx].iface != NULL) {
        warnx("Device '%s' attached more than once", spt->mft->e[idx].name);
        return -1;
    }
    if (rc == 0) {
        net[idx].iface = value;
        return 0;
    }
    if (rc < 0 || (rc = spt_device_option(spt, opt, "net-mac",
                                          MFT_DEV_NET_BASIC, &value, &idx)))
        return rc;
    if (!mac_parse(value, net[idx].mac)) {
        warnx("Malformed argument to --net-mac:%s", spt->mft->e[idx].name);
        return -1;
    }
    net[idx].have_mac = true;
    return 0;
}

/* Readiness reaches the guest through epoll, tagged with the handle. */
static int attach(struct spt *spt, unsigned idx)
{
    struct mft_entry *e = &spt->mft->e[idx];
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = idx};
    struct kiln_err ke;
    unsigned mtu;
    int fd;

    if (tap_attach(net[idx].iface, &fd, &mtu, &ke) != 0) {
        warnx("Could not attach interface: %s", ke.msg);
        return -1;
    }
    if (epoll_ctl(spt->epollfd, EPOLL_CTL_ADD, fd, &ev) < 0)
        err(1, "epoll_ctl(%s)", net[idx].iface);
    if (!net[idx].have_mac)
        mac_random(net[idx].mac);
    for (int i = 0; i < 6; i++)
        e->u.net_basic.mac[i] = net[idx].mac[i];
    e->u.net_basic.mtu = (uint16_t)mtu;
    e->b.hostfd = fd;
    e->attached = true;
    /* Frames move with plain read/write on this descriptor only. */
    spt_rule_add(spt, SYS_read, 1, 0u, SPT_ARG_EQ, (uint64_t)fd);
    spt_rule_add(spt, SYS_write, 1, 0u, SPT_ARG_EQ, (uint64_t)fd);
    return 0;
}

static int setup(struct spt *spt)
{
    for (unsigned i = 0; i < spt->mft->entries; i++)
        if (net[i].iface != NULL && attach(spt, i) != 0)
            return -1;
    return 0;
}

static const struct spt_module_ops net_ops = {
    .name = "net",
    .handle_option = handle_option,
    .setup = setup,
    .usage = "  [ --net:NAME=IFACE | @NN ] (attach tap at IFACE or at "
             "descriptor NN as network NAME)\n"
             "  [ --net-mac:NAME=HWADDR ] (set HWADDR for network NAME)\n",
};
SPT_MODULE(net, net_ops);
