/* Test tenders' block offer: nothing, as a reference (Solo5 v0.12) tender. */
#include "common_dev.h"

/* Linked before libcommon.a, so the archive's common_dev_block_offer.o is not.
 * Write-through still opens the file O_DSYNC but is not announced. */
void dev_block_offer(struct mft_entry *e, bool write_through)
{
    (void)write_through;
    e->u.block_basic.features = 0;
    e->u.block_basic.max_request = 0;
}
