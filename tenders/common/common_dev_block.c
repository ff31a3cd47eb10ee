/* Block devices as every tender attaches them: options, manifest, rules. */
#include "common.h"

#include <err.h>
#include <sys/syscall.h>

int dev_block_option(struct tender *t, const char *opt)
{
    const char *value;
    unsigned idx;
    uint64_t n;
    int rc = dev_option(t, opt, "block", MFT_DEV_BLOCK_BASIC, &value, &idx);

    if (rc == 0)
        return dev_set_path(t, opt, idx, value);
    if (rc < 0 || (rc = dev_option(t, opt, "block-sector-size",
                                   MFT_DEV_BLOCK_BASIC, &value, &idx)))
        return rc;
    if (!opt_parse_u64(value, &n) || !block_size_valid(n))
        return tender_bad_option(
            opt, "Block size must be a multiple of 2 greater than or "
                 "equal 512 (a power of two up to 32768)");
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
    e->u.block_basic.features = MFT_BLOCK_F_FLUSH;
    e->b.hostfd = fd;
    e->attached = true;
    return 0;
}

/* The guest moves exactly one block, at an offset that keeps it inside the
 * file, so it can neither grow the file nor read past it; it may flush it. */
void dev_block_rules(struct tender *t, struct sandbox *sb)
{
    const struct mft_entry *e;
    unsigned i = 0;

    while ((e = dev_next_attached(t, MFT_DEV_BLOCK_BASIC, &i)) != NULL) {
        uint64_t fd = (uint64_t)e->b.hostfd, bs = e->u.block_basic.block_size;
        uint64_t last = e->u.block_basic.capacity - bs;

        sandbox_allow(sb, SYS_pread64, 3, 0u, SANDBOX_EQ, fd, 2u, SANDBOX_EQ,
                      bs, 3u, SANDBOX_LE, last);
        sandbox_allow(sb, SYS_pwrite64, 3, 0u, SANDBOX_EQ, fd, 2u, SANDBOX_EQ,
                      bs, 3u, SANDBOX_LE, last);
        sandbox_allow(sb, SYS_fdatasync, 1, 0u, SANDBOX_EQ, fd);
    }
}
