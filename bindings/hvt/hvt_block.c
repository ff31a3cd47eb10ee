/* Kiln hvt block: BLOCK_WRITE/BLOCK_READ/BLOCK_FLUSH hypercalls. */
#include "bindings_hvt.h"

static solo5_result_t block_io(enum hvt_hypercall nr, solo5_handle_t handle,
                               solo5_off_t offset, void *buf, size_t size)
{
    struct hvt_hc_block b = {
        .handle = handle, .offset = offset, .data = buf, .len = size};

    if (block_request(handle, offset, size) == NULL)
        return SOLO5_R_EINVAL;
    bindings_hvt_hypercall(nr, &b);
    return (solo5_result_t)b.ret;
}

solo5_result_t solo5_block_write(solo5_handle_t handle, solo5_off_t offset,
                                 const uint8_t *buf, size_t size)
{
    /* The tender only reads the buffer of a write. */
    return block_io(HVT_HYPERCALL_BLOCK_WRITE, handle, offset, (void *)buf,
                    size);
}

solo5_result_t solo5_block_read(solo5_handle_t handle, solo5_off_t offset,
                                uint8_t *buf, size_t size)
{
    return block_io(HVT_HYPERCALL_BLOCK_READ, handle, offset, buf, size);
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
