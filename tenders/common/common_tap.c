/* Tap interfaces: attach by name or descriptor, MTU, MACs. */
#include "common_dev.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/if.h>
#include <linux/if_tun.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

/* Reads the MTU of interface name; needs the interface to exist and be up. */
static int iface_mtu(const char *name, unsigned *mtu, struct kiln_err *err)
{
    struct ifreq ifr = {0};
    char shown[sizeof err->msg];
    int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0), rc = -1;

    if (s < 0)
        return kiln_err_set(err, "socket: %s", strerror(errno));
    snprintf(ifr.ifr_name, sizeof ifr.ifr_name, "%s", name);
    tender_escape(name, shown, sizeof shown);
    if (ioctl(s, SIOCGIFFLAGS, &ifr) < 0)
        kiln_err_set(err, "%s: %s", shown, strerror(errno));
    else if (!(ifr.ifr_flags & (IFF_UP | IFF_RUNNING)))
        kiln_err_set(err, "%s: interface is not up", shown);
    else if (ioctl(s, SIOCGIFMTU, &ifr) < 0)
        kiln_err_set(err, "%s: cannot read MTU: %s", shown, strerror(errno));
    else {
        *mtu = (unsigned)ifr.ifr_mtu;
        rc = 0;
    }
    close(s);
    return rc;
}

static int set_nonblock(int fd, struct kiln_err *err)
{
    int fl = fcntl(fd, F_GETFL);

    if (fl < 0 || fcntl(fd, F_SETFL, fl | O_NONBLOCK) < 0)
        return kiln_err_set(err, "fcntl: %s", strerror(errno));
    return 0;
}

/* "@N": a tap descriptor the caller opened; TUNGETIFF says which interface. */
static int attach_fd(const char *num, int *fd, unsigned *mtu,
                     struct kiln_err *err)
{
    struct ifreq ifr = {0};
    char shown[sizeof err->msg];
    uint64_t n;

    if (!opt_parse_u64(num, &n) || n > 0x7fffffff)
        return kiln_err_set(err, "@%s: not a file descriptor number",
                            tender_escape(num, shown, sizeof shown));
    *fd = (int)n;
    if (ioctl(*fd, TUNGETIFF, &ifr) < 0)
        return kiln_err_set(err, "@%s: not a tap device: %s", num,
                            strerror(errno));
    if (!(ifr.ifr_flags & IFF_TAP) || !(ifr.ifr_flags & IFF_NO_PI))
        return kiln_err_set(err, "@%s: not a tap device without packet info",
                            num);
    return set_nonblock(*fd, err) || iface_mtu(ifr.ifr_name, mtu, err);
}

static int attach_name(const char *iface, int *fd, unsigned *mtu,
                       struct kiln_err *err)
{
    struct ifreq ifr = {.ifr_flags = IFF_TAP | IFF_NO_PI};
    char shown[sizeof err->msg];

    tender_escape(iface, shown, sizeof shown);
    if (strlen(iface) >= IFNAMSIZ)
        return kiln_err_set(err, "%s: interface name too long", shown);
    if (iface_mtu(iface, mtu, err) != 0)
        return -1;
    *fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (*fd < 0)
        return kiln_err_set(err, "/dev/net/tun: %s", strerror(errno));
    memcpy(ifr.ifr_name, iface, strlen(iface));
    if (ioctl(*fd, TUNSETIFF, &ifr) < 0) {
        kiln_err_set(err, "%s: cannot attach: %s", shown, strerror(errno));
        close(*fd);
        return -1;
    }
    return 0;
}

int tap_attach(const char *iface, int *fd, unsigned *mtu, struct kiln_err *err)
{
    if (iface[0] == '@')
        return attach_fd(iface + 1, fd, mtu, err);
    return attach_name(iface, fd, mtu, err);
}

bool mac_parse(const char *s, uint8_t mac[6])
{
    if (strlen(s) != 17)
        return false;
    for (int i = 0; i < 6; i++) {
        const char *p = s + 3 * i;
        int hi = opt_hex_digit(p[0]), lo = opt_hex_digit(p[1]);
        if (hi < 0 || lo < 0 || (i < 5 && p[2] != ':'))
            return false;
        mac[i] = (uint8_t)(hi << 4 | lo);
    }
    return true;
}

void mac_random(uint8_t mac[6])
{
    if (getrandom(mac, 6, 0) != 6) {
        /* No entropy yet: a fixed, still locally administered, address. */
        memcpy(mac, "\x02\x00\x00\x00\x00\x01", 6);
    }
    mac[0] = (uint8_t)((mac[0] & ~0x01) | 0x02);
}
