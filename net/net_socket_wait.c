/* Kiln network layer: blocking waits until a socket is ready. */
#include <errno.h>

#include "net.h"

void net_run_for(uint64_t timeout_ns)
{
    net_poll(solo5_clock_monotonic() + timeout_ns);
}

int net_wait(struct sock *s, int (*ready)(struct sock *s), int nonblock,
             uint64_t timeout_ns)
{
    uint64_t start = solo5_clock_monotonic();
    uint64_t deadline = timeout_ns ? start + timeout_ns : UINT64_MAX;

    if (ready(s))
        return 0;
    if (nonblock) {
        net_poll(0); /* one round, so a polling loop makes progress */
        return ready(s) ? 0 : net_fail(EAGAIN);
    }
    while (!ready(s)) {
        if (solo5_clock_monotonic() >= deadline)
            return net_fail(EAGAIN);
        net_poll(deadline);
    }
    return 0;
}
