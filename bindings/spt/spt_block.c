/* Kiln spt block: one-block pread64/pwrite64 on the host file. */
#include "spt.h"

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

/*
 * The device behind handle if offset/size name exactly one whole block
 * inside it, else NULL. The seccomp filter would kill anything else.
 */
static const struct mft_entry *block_check(solo5_handle_t handle,
                                           solo5_off_t offset, size_t size)
{
    const struct mft_entry *e = mft_get_by_index(handle, MFT_DEV_BLOCK_BASIC);
    uint64_t bs, cap;

    if (e == NULL)
        return NULL;
    bs = e->u.block_basic.block_size;
    cap = e->u.block_basic.capacity;
    if (bs == 0 || size != bs || offset % bs != 0)
        return NULL;
    if (cap < bs || offset > cap - bs)
        return NULL;
    return e;
}

solo5_result_t solo5_block_write(solo5_handle_t handle, solo5_off_t offset,
                                 const uint8_t *buf, size_t size)
{
    const struct mft_entry *e = block_check(handle, offset, size);
    long n;

    if (e == NULL)
        return SOLO5_R_EINVAL;
    n = sys_pwrite64(e->b.hostfd, buf, size, offset);
    return n == (long)size ? SOLO5_R_OK : SOLO5_R_EUNSPEC;
}

solo5_result_t solo5_block_read(solo5_handle_t handle, solo5_off_t offset,
                                uint8_t *buf, size_t size)
{
    const struct mft_entry *e = block_check(handle, offset, size);
    long n;

    if (e == NULL)
        return SOLO5_R_EINVAL;
    n = sys_pread64(e->b.hostfd, buf, size, offset);
    return n == (long)size ? SOLO5_R_OK : SOLO5_R_EUNSPEC;
}
