/* solo5-spt block module: --block files, pread64/pwrite64 rules. */
#include "spt.h"

#include <sys/syscall.h>

/* The guest may move exactly one block, at an offset that keeps it inside
 * the file, so it can neither grow the file nor read past it. */
static void add_rules(struct sandbox *sb, const struct mft_entry *e)
{
    uint64_t fd = (uint64_t)e->b.hostfd, bs = e->u.block_basic.block_size;
    uint64_t last = e->u.block_basic.capacity - bs;

    sandbox_allow(sb, SYS_pread64, 3, 0u, SANDBOX_EQ, fd, 2u, SANDBOX_EQ, bs,
                  3u, SANDBOX_LE, last);
    sandbox_allow(sb, SYS_pwrite64, 3, 0u, SANDBOX_EQ, fd, 2u, SANDBOX_EQ, bs,
                  3u, SANDBOX_LE, last);
}

static int setup(struct tender *t)
{
    for (unsigned i = 0; i < t->mft->entries; i++) {
        if (t->dev[i].path == NULL || t->mft->e[i].type != MFT_DEV_BLOCK_BASIC)
            continue;
        if (dev_block_attach(t, i) != 0)
            return -1;
        add_rules(&spt_of(t)->sb, &t->mft->e[i]);
    }
    return 0;
}

static const struct tender_module block_module = {
    .name = "block",
    .usage = "  [ --block:NAME=PATH ] (attach block device/file at PATH as "
             "block storage NAME)\n"
             "  [ --block-sector-size:NAME=512 ] (set block sector size of "
             "NAME; a power of two from 512 to 32768)\n",
    .handle_option = dev_block_option,
    .setup = setup,
};
TENDER_MODULE(block, block_module);
