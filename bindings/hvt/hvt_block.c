/* Kiln hvt block: BLOCK_WRITE/BLOCK_READ/BLOCK_FLUSH hypercalls. */
#include "bindings_hvt.h"

solo5_result_t block_io(const struct mft_entry *e, solo5_handle_t h, bool write,
                        solo5_off_t offset, void *buf, size_t size)
{
    struct hvt_hc_block b = {
        .handle = h, .offset = offset, .data = buf, .len = size};

    (void)e;
    bindings_hvt_hypercall(
        write ? HVT_HYPERCALL_BLOCK_WRITE : HVT_HYPERCALL_BLOCK_READ, &b);
    return (solo5_result_t)b.ret;
}

solo5_result_t solo5_block_flush(solo5_handle_t handle)
{
    struct hvt_hc_block_flush f = {.handle = handle};
    solo5_result_t rc;

    if (block_feature(handle, MFT_BLOCK_F_FLUSH, &rc) == NULL)
        return rc;
    bindings_hvt_hypercall(HVT_HYPERCALL_BLOCK_FLUSH, &f);
    return (solo5_result_t)f.ret;
}
