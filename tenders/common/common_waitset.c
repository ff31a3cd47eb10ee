/* The wait set: one epoll set holding a timerfd and every attached tap. */
#include "common.h"

#include <err.h>
#include <errno.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>

#define NSEC_PER_SEC 1000000000ULL

void waitset_init(struct waitset *ws)
{
    ws->epollfd = epoll_create1(EPOLL_CLOEXEC);
    if (ws->epollfd < 0)
        err(1, "epoll_create1");
    ws->timerfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (ws->timerfd < 0)
        err(1, "timerfd_create");
    waitset_add(ws, ws->timerfd, WAITSET_TIMER_TAG);
}

void waitset_add(struct waitset *ws, int fd, uint64_t tag)
{
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = tag};

    if (epoll_ctl(ws->epollfd, EPOLL_CTL_ADD, fd, &ev) < 0)
        err(1, "epoll_ctl(%d)", fd);
}

uint64_t waitset_wait(const struct waitset *ws, uint64_t timeout_ns)
{
    struct epoll_event ev[MFT_MAX_ENTRIES + 1];
    struct itimerspec it = {
        .it_value = {.tv_sec = (time_t)(timeout_ns / NSEC_PER_SEC),
                     .tv_nsec = (long)(timeout_ns % NSEC_PER_SEC) | 1}};
    uint64_t ready = 0;
    int n;

    /* The timer, timeout_ns from now; the 1 ns OR-ed in keeps it from being
     * zero, which would disarm it and leave the wait without an end. Arming
     * also clears an expiry left from an earlier wait. */
    if (timerfd_settime(ws->timerfd, 0, &it, NULL) < 0)
        err(1, "timerfd_settime");
    do
        n = epoll_wait(ws->epollfd, ev, MFT_MAX_ENTRIES + 1, -1);
    while (n < 0 && errno == EINTR);
    if (n < 0)
        err(1, "epoll_wait");
    for (int i = 0; i < n; i++)
        if (ev[i].data.u64 < 64)
            ready |= 1ULL << ev[i].data.u64;
    return ready;
}
