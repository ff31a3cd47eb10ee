/* Kiln hvt time: TSC monotonic clock, WALLTIME per call, POLL for yield. */
#include "bindings_hvt.h"

solo5_time_t solo5_clock_monotonic(void)
{
    return tsc_ns();
}

/* Asked of the host on every call, so host clock steps show at once. */
solo5_time_t solo5_clock_wall(void)
{
    struct hvt_hc_walltime w = {0};

    bindings_hvt_hypercall(HVT_HYPERCALL_WALLTIME, &w);
    return w.nsecs;
}

void solo5_yield(solo5_time_t deadline, solo5_handle_set_t *ready_set)
{
    solo5_time_t now = solo5_clock_monotonic();
    struct hvt_hc_poll p = {0};

    /* The tender watches the taps itself, whether the ring is used or not. */
    p.timeout_nsecs = deadline > now ? deadline - now : 0;
    bindings_hvt_hypercall(HVT_HYPERCALL_POLL, &p);
    if (ready_set != NULL)
        *ready_set = p.ready_set;
}
