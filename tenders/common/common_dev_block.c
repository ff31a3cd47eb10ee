/* Block devices as every tender attaches them: options, manifest, rules. */
#include "common_dev.h"

#include <err.h>
#include <string.h>
#include <sys/syscall.h>

/* --block-write-through:NAME=on|off. */
static int write_through_option(const char *opt, unsigned idx,
                                const char *value)
{
    if (strcmp(value, "on") != 0 && strcmp(value, "off") != 0)
        return tender_bad_option(opt, "Write-through must be 'on' or 'off'");
    dev_args[idx].write_through = strcmp(value, "on") == 0;
    return 0;
}

int dev_block_option(struct tender *t, const char *opt)
{
    const char *value;
    unsigned idx;
    uint64_t n;
    int rc = dev_option(t, opt, "block", MFT_DEV_BLOCK_BASIC, &value, &idx);

    if (rc == 0)
        return dev_set_path(t, opt, idx, value);
    if (rc < 0)
        return rc;
    rc = dev_option(t, opt, "block-write-through", MFT_DEV_BLOCK_BASIC, &value,
                    &idx);
    if (rc == 0)
        return write_through_option(opt, idx, value);
    if (rc < 0 || (rc = dev_option(t, opt, "block-sector-size",
                                   MFT_DEV_BLOCK_BASIC, &value, &idx)))
        return rc;
    if (!opt_parse_u64(value, &n) || !block_size_valid(n))
        return tender_bad_option(
            opt, "Block size must be a multiple of 2 greater than or "
                 "equal 512 (a power of two up to 32768)");
    dev_args[idx].block_size = n;
    return 0;
}

/* How many block devices the manifest declares. */
static unsigned block_devices(const struct tender *t)
{
    unsigned n = 0;

    for (unsigned i = 0; i < t->mft->entries; i++)
        n += t->mft->e[i].type == MFT_DEV_BLOCK_BASIC;
    return n;
}

int dev_block_attach(struct tender *t, unsigned idx)
{
    struct mft_entry *e = &t->mft->e[idx];
    const struct tender_dev *d = &dev_args[idx];
    uint64_t bs = d->block_size ? d->block_size : 512, cap;
    char name[TENDER_ESCAPED_NAME_SIZE];
    struct kiln_err ke;
    int fd;

    if (block_attach(d->path, bs, d->write_through, &fd, &cap, &ke) != 0) {
        warnx("%s: %s", dev_name(t, idx, name), ke.msg);
        return -1;
    }
    e->u.block_basic.capacity = cap;
    e->u.block_basic.block_size = (uint16_t)bs;
    dev_block_offer(e, d->write_through);
    if (block_devices(t) > DEV_BLOCK_MULTI_DEVICES) {
        e->u.block_basic.features &= (uint16_t)~MFT_BLOCK_F_MULTI;
        e->u.block_basic.max_request = 0;
    }
    e->b.hostfd = fd;
    e->attached = true;
    return 0;
}

/* Reads and writes of what the entry offers: whole blocks from one to
 * max_request bytes with MFT_BLOCK_F_MULTI, else exactly one block. */
static void rw_rules(struct sandbox *sb, const struct mft_entry *e, int nr)
{
    uint64_t fd = (uint64_t)e->b.hostfd, bs = e->u.block_basic.block_size;
    uint64_t cap = e->u.block_basic.capacity;
    uint64_t max = e->u.block_basic.max_request;

    if (!(e->u.block_basic.features & MFT_BLOCK_F_MULTI)) {
        sandbox_allow(sb, nr, 3, 0u, SANDBOX_EQ, fd, 2u, SANDBOX_EQ, bs, 3u,
                      SANDBOX_LE, cap - bs);
        return;
    }
    sandbox_allow(sb, nr, 6, 0u, SANDBOX_EQ, fd, 2u, SANDBOX_MASK0, bs - 1, 2u,
                  SANDBOX_GE, bs, 2u, SANDBOX_LE, max, 3u, SANDBOX_MASK0,
                  bs - 1, 3u, SANDBOX_SUM_LE, 2u, cap);
}

/* The guest moves whole blocks the tender offers, at block-aligned offsets
 * that keep the request inside the file, so it can neither grow the file nor
 * read past it; it may flush it if the tender offers flush. */
void dev_block_rules(struct tender *t, struct sandbox *sb)
{
    const struct mft_entry *e;
    unsigned i = 0;

    while ((e = dev_next_attached(t, MFT_DEV_BLOCK_BASIC, &i)) != NULL) {
        rw_rules(sb, e, SYS_pread64);
        rw_rules(sb, e, SYS_pwrite64);
        if (e->u.block_basic.features & MFT_BLOCK_F_FLUSH)
            sandbox_allow(sb, SYS_fdatasync, 1, 0u, SANDBOX_EQ,
                          (uint64_t)e->b.hostfd);
    }
}
