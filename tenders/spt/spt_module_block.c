/* solo5-spt block module: --block files, pread64/pwrite64 rules. */
#include "spt.h"

#include <err.h>
#include <sys/syscall.h>

/* What the command line asked for, by manifest index. */
static struct {
    const char *path;
    uint64_t block_size; /* 0: the default, 512 */
} blk[MFT_MAX_ENTRIES];

static int handle_option(struct spt *spt, const char *opt)
{
    const char *value;
    unsigned idx;
    uint64_t n;
    int rc =
        spt_device_option(spt, opt, "block", MFT_DEV_BLOCK_BASIC, &value, &idx);

    if (rc == 0 && blk[idx].path != NULL) {
        warnx("Device '%s' attached more than once", spt->mft->e[idx].name);
        return -1;
    }
    if (rc == 0) {
        blk[idx].path = value;
        return 0;
    }
    if (rc < 0 || (rc = spt_device_option(spt, opt, "block-sector-size",
                                          MFT_DEV_BLOCK_BASIC, &value, &idx)))
        return rc;
    if (!opt_parse_u64(value, &n) || !block_size_valid(n)) {
        warnx("Block size must be a multiple of 2 greater than or equal 512");
        return -1;
    }
    blk[idx].block_size = n;
    return 0;
}

/* The guest may move exactly one block, at an offset that keeps it inside
 * the file, so it can neither grow the file nor read past it. */
static void add_rules(struct spt *spt, int fd, uint64_t bs, uint64_t cap)
{
    spt_rule_add(spt, SYS_pread64, 3, 0u, SPT_ARG_EQ, (uint64_t)fd, 2u,
                 SPT_ARG_EQ, bs, 3u, SPT_ARG_LE, cap - bs);
    spt_rule_add(spt, SYS_pwrite64, 3, 0u, SPT_ARG_EQ, (uint64_t)fd, 2u,
                 SPT_ARG_EQ, bs, 3u, SPT_ARG_LE, cap - bs);
}

static int setup(struct spt *spt)
{
    for (unsigned i = 0; i < spt->mft->entries; i++) {
        struct mft_entry *e = &spt->mft->e[i];
        uint64_t bs = blk[i].block_size ? blk[i].block_size : 512, cap;
        struct kiln_err ke;
        int fd;
        if (blk[i].path == NULL)
            continue;
        if (block_attach(blk[i].path, bs, &fd, &cap, &ke) != 0) {
            warnx("%s: %s", e->name, ke.msg);
            return -1;
        }
        e->u.block_basic.capacity = cap;
        e->u.block_basic.block_size = (uint16_t)bs;
        e->b.hostfd = fd;
        e->attached = true;
        add_rules(spt, fd, bs, cap);
    }
    return 0;
}

static const struct spt_module_ops block_ops = {
    .name = "block",
    .handle_option = handle_option,
    .setup = setup,
    .usage = "  [ --block:NAME=PATH ] (attach block device/file at PATH as "
             "block storage NAME)\n"
             "  [ --block-sector-size:NAME=512 ] (set block sector size of "
             "NAME; a power of two >= 512)\n",
};
SPT_MODULE(block, block_ops);
