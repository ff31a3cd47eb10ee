/* Net devices as every tender attaches them: options, manifest, rules. */
#include "common_dev.h"

#include <err.h>
#include <sys/syscall.h>

int dev_net_option(struct tender *t, const char *opt)
{
    char name[TENDER_ESCAPED_NAME_SIZE];
    const char *value;
    unsigned idx;
    int rc = dev_option(t, opt, "net", MFT_DEV_NET_BASIC, &value, &idx);

    if (rc == 0)
        return dev_set_path(t, opt, idx, value);
    if (rc < 0 ||
        (rc = dev_option(t, opt, "net-mac", MFT_DEV_NET_BASIC, &value, &idx)))
        return rc;
    if (!mac_parse(value, dev_args[idx].mac))
        return tender_bad_option(opt, "Malformed argument to --net-mac:%s",
                                 dev_name(t, idx, name));
    dev_args[idx].have_mac = true;
    return 0;
}

/* Readiness reaches the guest through the wait set, tagged with the
 * handle (the manifest index). */
int dev_net_attach(struct tender *t, unsigned idx)
{
    struct mft_entry *e = &t->mft->e[idx];
    struct tender_dev *d = &dev_args[idx];
    struct kiln_err ke;
    unsigned mtu;
    int fd;

    if (tap_attach(d->path, &fd, &mtu, &ke) != 0) {
        warnx("Could not attach interface: %s", ke.msg);
        return -1;
    }
    waitset_add(&t->ws, fd, idx);
    if (!d->have_mac)
        mac_random(d->mac);
    for (int i = 0; i < 6; i++)
        e->u.net_basic.mac[i] = d->mac[i];
    e->u.net_basic.mtu = (uint16_t)mtu;
    e->b.hostfd = fd;
    e->attached = true;
    return 0;
}

/* Frames move with plain read/write on the tap's descriptor only. */
void dev_net_rules(struct tender *t, struct sandbox *sb)
{
    const struct mft_entry *e;
    unsigned i = 0;

    while ((e = dev_next_attached(t, MFT_DEV_NET_BASIC, &i)) != NULL) {
        uint64_t fd = (uint64_t)e->b.hostfd;

        sandbox_allow(sb, SYS_read, 1, 0u, SANDBOX_EQ, fd);
        sandbox_allow(sb, SYS_write, 1, 0u, SANDBOX_EQ, fd);
    }
}
