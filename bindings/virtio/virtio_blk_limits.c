/* Kiln virtio-blk limits: 64 KiB segments, 256 KiB chains, 16 in flight. */
#include "virtio.h"

const struct blk_limits *blk_limits(void)
{
    /* 64 KiB segments as Linux's default; 16 chains of 256 KiB are one
     * 4 MiB request, notified once. */
    static const struct blk_limits l = {
        .seg_bytes = 64 << 10,
        .chain_bytes = 256 << 10,
        .inflight = 16,
        .max_request = 4 << 20,
    };

    return &l;
}
