/* Kiln bindings devices every target shares: acquire, request checks. */
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
    if (bs == 0 || size != bs || offset % bs != 0)
        return NULL;
    if (cap < bs || offset > cap - bs)
        return NULL;
    return e;
}

size_t net_frame_max(solo5_handle_t handle)
{
    const struct mft_entry *e =
        bindings_mft_by_index(handle, MFT_DEV_NET_BASIC);

    return e == NULL ? 0 : (size_t)e->u.net_basic.mtu + SOLO5_NET_HLEN;
}
