/* Kiln hvt network: NET_WRITE/NET_READ hypercalls, or the ring if offered. */
#include "bindings_hvt.h"

static solo5_result_t net_hypercall(enum hvt_hypercall nr,
                                    solo5_handle_t handle, void *buf,
                                    size_t *len)
{
    struct hvt_hc_net n = {.handle = handle, .data = buf, .len = *len};

    bindings_hvt_hypercall(nr, &n);
    *len = n.len;
    return (solo5_result_t)n.ret;
}

solo5_result_t solo5_net_write(solo5_handle_t handle, const uint8_t *buf,
                               size_t size)
{
    size_t max = net_frame_max(handle);

    if (max == 0 || size > max)
        return SOLO5_R_EINVAL;
    if (ring_active()) {
        if (size <= HVT_RING_BUF_SIZE)
            return ring_net_write(handle, buf, size);
        /* Too big for a slot: the hypercall, after the frames queued. */
        ring_drain();
    }
    /* The tender only reads the frame of a write. */
    return net_hypercall(HVT_HYPERCALL_NET_WRITE, handle, (void *)buf, &size);
}

solo5_result_t solo5_net_read(solo5_handle_t handle, uint8_t *buf, size_t size,
                              size_t *read_size)
{
    size_t max = net_frame_max(handle);
    solo5_result_t r;

    /* Kiln refuses a buffer that could truncate a frame, rather than cut. */
    if (max == 0 || size < max)
        return SOLO5_R_EINVAL;
    if (ring_active())
        return ring_net_read(handle, buf, size, read_size);
    r = net_hypercall(HVT_HYPERCALL_NET_READ, handle, buf, &size);
    if (r == SOLO5_R_OK)
        *read_size = size;
    return r;
}
