/* solo5-hvt hypercalls every guest has: wall clock, console, poll. */
#include "hvt.h"

#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "solo5.h"

static void hc_walltime(struct hvt *h, uint64_t gpa)
{
    struct hvt_hc_walltime *a = HVT_ARG(h, gpa, sizeof *a, true);
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    a->nsecs = (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}
HVT_HYPERCALL(WALLTIME, hc_walltime);

/* Best effort, like the guest API promises: one write, result ignored. */
static void hc_puts(struct hvt *h, uint64_t gpa)
{
    const struct hvt_hc_puts *a = HVT_ARG(h, gpa, sizeof *a, false);
    uint64_t data = a->data, len = a->len;
    const void *buf = HVT_GPA(h, data, len, false);

    if (write(1, buf, len) < 0) {
        /* nowhere to report it */
    }
}
HVT_HYPERCALL(PUTS, hc_puts);

static void hc_poll(struct hvt *h, uint64_t gpa)
{
    struct hvt_hc_poll *a = HVT_ARG(h, gpa, sizeof *a, true);
    uint64_t ready = waitset_wait(&h->t.ws, a->timeout_nsecs);

    a->ready_set = ready;
    a->ret = __builtin_popcountll(ready);
}
HVT_HYPERCALL(POLL, hc_poll);

void hvt_calls_rules(struct hvt *h)
{
    struct sandbox *sb = &h->sb;

    /* PUTS: the guest's console is the tender's stdout. */
    sandbox_allow(sb, SYS_write, 1, 0u, SANDBOX_EQ, (uint64_t)1);
    /* POLL: the wait set, however libc spells the wait... */
    sandbox_allow(sb, SYS_epoll_wait, 1, 0u, SANDBOX_EQ,
                  (uint64_t)h->t.ws.epollfd);
    sandbox_allow(sb, SYS_epoll_pwait, 1, 0u, SANDBOX_EQ,
                  (uint64_t)h->t.ws.epollfd);
    /* ...after arming the timer. */
    sandbox_allow(sb, SYS_timerfd_settime, 1, 0u, SANDBOX_EQ,
                  (uint64_t)h->t.ws.timerfd);
    /* WALLTIME, and the monotonic clock should libc not use the vDSO. */
    sandbox_allow(sb, SYS_clock_gettime, 1, 0u, SANDBOX_EQ,
                  (uint64_t)CLOCK_REALTIME);
    sandbox_allow(sb, SYS_clock_gettime, 1, 0u, SANDBOX_EQ,
                  (uint64_t)CLOCK_MONOTONIC);
}
