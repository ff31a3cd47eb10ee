/* solo5-spt block module: --block files, pread64/pwrite64 rules. */
#include "spt.h"

#include "common_dev.h"

static int setup(struct tender *t)
{
    return dev_attach_all(t, MFT_DEV_BLOCK_BASIC, dev_block_attach) < 0 ? -1
                                                                        : 0;
}

static const struct tender_module block_module = {
    .name = "block",
    .usage = "  [ --block:NAME=PATH ] (attach block device/file at PATH as "
             "block storage NAME)\n"
             "  [ --block-sector-size:NAME=512 ] (set block sector size of "
             "NAME; a power of two from 512 to 32768)\n"
             "  [ --block-write-through:NAME=on ] (each write to NAME is "
             "durable when it returns: O_DSYNC)\n",
    .handle_option = dev_block_option,
    .setup = setup,
    .rules = dev_block_rules,
};
TENDER_MODULE(block, block_module);
