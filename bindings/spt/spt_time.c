/* Kiln spt time: host clocks; yield on the timerfd and epoll set. */
#include "bindings_spt.h"

#define NSEC_PER_SEC 1000000000ULL

static solo5_time_t clock_ns(int clock)
{
    struct sys_timespec ts;

    if (sys_clock_gettime(clock, &ts) != 0)
        PANIC("clock_gettime(%d) failed", clock);
    return (uint64_t)ts.tv_sec * NSEC_PER_SEC + (uint64_t)ts.tv_nsec;
}

solo5_time_t solo5_clock_monotonic(void)
{
    return clock_ns(CLOCK_MONOTONIC);
}

solo5_time_t solo5_clock_wall(void)
{
    return clock_ns(CLOCK_REALTIME);
}

/* Arms the timerfd to fire at the absolute monotonic time deadline. */
static void timer_arm(solo5_time_t deadline)
{
    struct sys_itimerspec it = {0};
    long rc;

    it.it_value.tv_sec = (int64_t)(deadline / NSEC_PER_SEC);
    /* An all-zero value would disarm the timer instead of firing now. */
    it.it_value.tv_nsec = (int64_t)((deadline % NSEC_PER_SEC) | 1);
    rc = sys_timerfd_settime(spt_boot_info->timerfd, TFD_TIMER_ABSTIME, &it);
    if (rc != 0)
        PANIC("timerfd_settime failed (%ld)", rc);
}

/* Blocks until the timer or a net device is ready; returns the event count. */
static int wait_events(struct sys_epoll_event *events, int max)
{
    long rc;

    do {
        rc = sys_epoll_pwait(spt_boot_info->epollfd, events, max, -1);
    } while (rc == -EINTR);
    if (rc < 0)
        PANIC("epoll_pwait failed (%ld)", rc);
    return (int)rc;
}

void solo5_yield(solo5_time_t deadline, solo5_handle_set_t *ready_set)
{
    struct sys_epoll_event events[MFT_MAX_ENTRIES];
    solo5_handle_set_t ready = 0;
    int n;

    timer_arm(deadline);
    n = wait_events(events, MFT_MAX_ENTRIES);
    /* Net devices are tagged with their handle; the timer tag is not one. */
    for (int i = 0; i < n; i++) {
        if (events[i].data < MFT_MAX_ENTRIES)
            ready |= 1ULL << events[i].data;
    }
    if (ready_set != NULL)
        *ready_set = ready;
}
