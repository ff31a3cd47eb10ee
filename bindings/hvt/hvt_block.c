/* Kiln hvt block: one-block BLOCK_WRITE/BLOCK_READ hypercalls. */
#include "hvt.h"

solo5_result_t solo5_block_acquire(const char *name, solo5_handle_t *handle,
                                   struct solo5_block_info *info)
{
    const struct mft_entry *e;

    e = mft_get_by_name(name, MFT_DEV_BLOCK_BASIC, handle);
    if (e == NULL)
        return SOLO5_R_EINVAL;
    info->capacity = e->u.block_basic.capacity;
    info->block_size = e->u.block_basic.block_size;
    return SOLO5_R_OK;
}

/* Whether offset/size name exactly one whole block of the device handle. */
static bool block_ok(solo5_handle_t handle, solo5_off_t offset, size_t size)
{
    const struct mft_entry *e = mft_get_by_index(handle, MFT_DEV_BLOCK_BASIC);
    uint64_t bs, cap;

    if (e == NULL)
        return false;
    bs = e->u.block_basic.block_size;
    cap = e->u.block_basic.capacity;
    if (bs == 0 || size != bs || offset % bs != 0)
        return false;
    return cap >= bs && offset <= cap - bs;
}

static solo5_result_t block_io(enum hvt_hypercall nr, solo5_handle_t handle,
                               solo5_off_t offset, void *buf, size_t size)
{
    struct hvt_hc_block b = {
        .handle = handle, .offset = offset, .data = buf, .len = size};

    if (!block_ok(handle, offset, size))
        return SOLO5_R_EINVAL;
    hvt_hypercall(nr, &b);
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
