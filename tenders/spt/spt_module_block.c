/* solo5-spt block module: --block files, pread64/pwrite64 rules. */
#include "spt.h"

static int setup(struct tender *t)
{
    for (unsigned i = 0; i < t->mft->entries; i++) {
        if (t->dev[i].path == NULL || t->mft->e[i].type != MFT_DEV_BLOCK_BASIC)
            continue;
        if (dev_block_attach(t, i) != 0)
            return -1;
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
    .rules = dev_block_rules,
};
TENDER_MODULE(block, block_module);
