/* Kiln bindings devices every target shares: acquire, block checks, split. */
#include "bindings.h"

solo5_result_t solo5_block_acquire(const char *name, solo5_handle_t *handle,
                                   struct solo5_block_info *info)
{
    const struct mft_entry *e;

    e = bindings_mft_by_name(name, MFT_DEV_BLOCK_BASIC, handle);
    if (e == NULL)
        return SOLO5_R_EINVAL;
    info->capacity = e->u.block_basic.capacity;
    info->block_size = e->u.block_basic.block_size;
    return SOLO5_R_OK;
}

solo5_result_t solo5_net_acquire(const char *name, solo5_handle_t *handle,
                                 struct solo5_net_info *info)
{
    const struct mft_entry *e;

    e = bindings_mft_by_name(name, MFT_DEV_NET_BASIC, handle);
    if (e == NULL)
        return SOLO5_R_EINVAL;
    memcpy(info->mac_address, e->u.net_basic.mac, SOLO5_NET_ALEN);
    info->mtu = e->u.net_basic.mtu;
    return SOLO5_R_OK;
}

const struct mft_entry *block_request(solo5_handle_t handle, solo5_off_t offset,
                                      size_t size)
{
    const struct mft_entry *e =
        bindings_mft_by_index(handle, MFT_DEV_BLOCK_BASIC);
    uint64_t bs, cap;

    if (e == NULL)
        return NULL;
    bs = e->u.block_basic.block_size;
    cap = e->u.block_basic.capacity;
    if (bs == 0 || size == 0 || size % bs != 0 || offset % bs != 0)
        return NULL;
    if (size > block_max_request(e) || size > cap || offset > cap - size)
        return NULL;
    return e;
}

size_t block_host_max(const struct mft_entry *e)
{
    uint64_t bs = e->u.block_basic.block_size;
    uint64_t max = e->u.block_basic.max_request;

    if (!(e->u.block_basic.features & MFT_BLOCK_F_MULTI) || max < bs)
        return (size_t)bs;
    return (size_t)(max - max % bs);
}

/* A checked request, split into host requests in order. */
static solo5_result_t block_rw(solo5_handle_t handle, bool write,
                               solo5_off_t offset, uint8_t *buf, size_t size)
{
    const struct mft_entry *e = block_request(handle, offset, size);
    size_t step, done, n;
    solo5_result_t rc;

    if (e == NULL)
        return SOLO5_R_EINVAL;
    step = block_host_max(e);
    for (done = 0; done < size; done += n) {
        n = size - done < step ? size - done : step;
        rc = block_io(e, handle, write, offset + done, buf + done, n);
        if (rc != SOLO5_R_OK)
            return rc;
    }
    return SOLO5_R_OK;
}

solo5_result_t solo5_block_write(solo5_handle_t handle, solo5_off_t offset,
                                 const uint8_t *buf, size_t size)
{
    /* A write only reads the buffer. */
    return block_rw(handle, true, offset, (uint8_t *)buf, size);
}

solo5_result_t solo5_block_read(solo5_handle_t handle, solo5_off_t offset,
                                uint8_t *buf, size_t size)
{
    return block_rw(handle, false, offset, buf, size);
}

size_t block_max_request(const struct mft_entry *e)
{
    uint64_t bs = e->u.block_basic.block_size;
    uint64_t max =
        SOLO5_BLOCK_MAX_REQUEST_MIN - SOLO5_BLOCK_MAX_REQUEST_MIN % bs;

    if ((e->u.block_basic.features & MFT_BLOCK_F_MULTI) &&
        e->u.block_basic.max_request > max)
        max = e->u.block_basic.max_request - e->u.block_basic.max_request % bs;
    return (size_t)max;
}

solo5_result_t solo5_block_max_request(solo5_handle_t handle, size_t *size)
{
    const struct mft_entry *e =
        bindings_mft_by_index(handle, MFT_DEV_BLOCK_BASIC);

    if (e == NULL || e->u.block_basic.block_size == 0)
        return SOLO5_R_EINVAL;
    *size = block_max_request(e);
    return SOLO5_R_OK;
}

const struct mft_entry *block_feature(solo5_handle_t handle, unsigned flag,
                                      solo5_result_t *rc)
{
    const struct mft_entry *e =
        bindings_mft_by_index(handle, MFT_DEV_BLOCK_BASIC);

    *rc = SOLO5_R_EINVAL;
    if (e == NULL)
        return NULL;
    *rc = SOLO5_R_EUNSPEC;
    if (!(e->u.block_basic.features & flag))
        return NULL;
    *rc = SOLO5_R_OK;
    return e;
}

size_t net_frame_max(solo5_handle_t handle)
{
    const struct mft_entry *e =
        bindings_mft_by_index(handle, MFT_DEV_NET_BASIC);

    return e == NULL ? 0 : (size_t)e->u.net_basic.mtu + SOLO5_NET_HLEN;
}
