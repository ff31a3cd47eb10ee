/* Kiln virtio-blk limits of the bench baseline: one sector per request. */
#include "virtio.h"

const struct blk_limits *blk_limits(void)
{
    /* No MFT_BLOCK_F_MULTI: the bindings split every request into sectors,
     * each one chain waited for, as the driver did before multi-block. */
    static const struct blk_limits l = {
        .seg_bytes = 512,
        .chain_bytes = 512,
        .inflight = 1,
        .max_request = 0,
    };

    return &l;
}
