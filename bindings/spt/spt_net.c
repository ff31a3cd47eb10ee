/* Kiln spt network: frames are read/written on the host tap fd. */
#include "bindings_spt.h"

solo5_result_t solo5_net_write(solo5_handle_t handle, const uint8_t *buf,
                               size_t size)
{
    const struct mft_entry *e =
        bindings_mft_by_index(handle, MFT_DEV_NET_BASIC);
    long n;

    if (e == NULL || size > net_frame_max(handle))
        return SOLO5_R_EINVAL;
    /* A frame the tap did not take whole is dropped, as the API allows. */
    n = sys_write(e->b.hostfd, buf, size);
    return n == (long)size ? SOLO5_R_OK : SOLO5_R_EUNSPEC;
}

solo5_result_t solo5_net_read(solo5_handle_t handle, uint8_t *buf, size_t size,
                              size_t *read_size)
{
    const struct mft_entry *e =
        bindings_mft_by_index(handle, MFT_DEV_NET_BASIC);
    long n;

    /* Kiln refuses a buffer that could truncate a frame, rather than cut. */
    if (e == NULL || size < net_frame_max(handle))
        return SOLO5_R_EINVAL;
    n = sys_read(e->b.hostfd, buf, size);
    if (n == -EAGAIN)
        return SOLO5_R_AGAIN;
    if (n < 0)
        return SOLO5_R_EUNSPEC;
    *read_size = (size_t)n;
    return SOLO5_R_OK;
}
