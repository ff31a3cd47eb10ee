/* What Kiln tenders offer a block guest: many blocks a request, flush. */
#include "common_dev.h"

void dev_block_offer(struct mft_entry *e, bool write_through)
{
    e->u.block_basic.features = MFT_BLOCK_F_MULTI | MFT_BLOCK_F_FLUSH |
                                (write_through ? MFT_BLOCK_F_WRITE_THROUGH : 0);
    e->u.block_basic.max_request = DEV_BLOCK_MAX_REQUEST;
}
