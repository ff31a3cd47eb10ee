/* Block and net devices as every tender attaches them: options, manifest. */
#include "common.h"

#include <err.h>

/* The manifest name of device idx, escaped for messages. */
static const char *dev_name(const struct tender *t, unsigned idx,
                            char buf[TENDER_ESCAPED_NAME_SIZE])
{
    return tender_escape(t->mft->e[idx].name, buf, TENDER_ESCAPED_NAME_SIZE);
}

/* Records the backing path or interface of idx; twice is an error. */
static int set_path(struct tender *t, const char *opt, unsigned idx,
                    const char *value)
{
    char name[TENDER_ESCAPED_NAME_SIZE];

    if (t->dev[idx].path != NULL)
        return tender_bad_option(opt, "Device '%s' attached more than once",
                                 dev_name(t, idx, name));
    t->dev[idx].path = value;
    return 0;
}

int dev_block_option(struct tender *t, const char *opt)
{
    const char *value;
    unsigned idx;
    uint64_t n;
    int rc = tender_device_option(t, opt, "block", MFT_DEV_BLOCK_BASIC, &value,
                                  &idx);

    if (rc == 0)
        return set_path(t, opt, idx, value);
    if (rc < 0 ||
        (rc = tender_device_option(t, opt, "block-sector-size",
                                   MFT_DEV_BLOCK_BASIC, &value, &idx)))
        return rc;
    if (!opt_parse_u64(value, &n) || !block_size_valid(n))
        return tender_bad_option(
            opt, "Block size must be a power of two from 512 to 32768");
    t->dev[idx].block_size = n;
    return 0;
}

int dev_block_attach(struct tender *t, unsigned idx)
{
    struct mft_entry *e = &t->mft->e[idx];
    uint64_t bs = t->dev[idx].block_size ? t->dev[idx].block_size : 512, cap;
    char name[TENDER_ESCAPED_NAME_SIZE];
    struct kiln_err ke;
    int fd;

    if (block_attach(t->dev[idx].path, bs, &fd, &cap, &ke) != 0) {
        warnx("%s: %s", dev_name(t, idx, name), ke.msg);
        return -1;
    }
    e->u.block_basic.capacity = cap;
    e->u.block_basic.block_size = (uint16_t)bs;
    e->b.hostfd = fd;
    e->attached = true;
    return 0;
}

int dev_net_option(struct tender *t, const char *opt)
{
    char name[TENDER_ESCAPED_NAME_SIZE];
    const char *value;
    unsigned idx;
    int rc =
        tender_device_option(t, opt, "net", MFT_DEV_NET_BASIC, &value, &idx);

    if (rc == 0)
        return set_path(t, opt, idx, value);
    if (rc < 0 || (rc = tender_device_option(t, opt, "net-mac",
                                             MFT_DEV_NET_BASIC, &value, &idx)))
        return rc;
    if (!mac_parse(value, t->dev[idx].mac))
        return tender_bad_option(opt, "Malformed argument to --net-mac:%s",
                                 dev_name(t, idx, name));
    t->dev[idx].have_mac = true;
    return 0;
}

/* Readiness reaches the guest through the wait set, tagged with the
 * handle (the manifest index). */
int dev_net_attach(struct tender *t, unsigned idx)
{
    struct mft_entry *e = &t->mft->e[idx];
    struct tender_dev *d = &t->dev[idx];
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
