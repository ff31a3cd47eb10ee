/* Kiln C runtime: time, clock_gettime, clock and sleeps on the Solo5 clocks. */
#include <errno.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "crt.h"

#define NSEC_PER_SEC 1000000000ULL

static void to_timespec(solo5_time_t ns, struct timespec *ts)
{
    ts->tv_sec = (time_t)(ns / NSEC_PER_SEC);
    ts->tv_nsec = (long)(ns % NSEC_PER_SEC);
}

int clock_gettime(clockid_t id, struct timespec *ts)
{
    switch (id) {
    case CLOCK_REALTIME:
        to_timespec(solo5_clock_wall(), ts);
        return 0;
    case CLOCK_MONOTONIC:
        to_timespec(solo5_clock_monotonic(), ts);
        return 0;
    default:
        errno = EINVAL;
        return -1;
    }
}

int gettimeofday(struct timeval *tv, void *tz)
{
    solo5_time_t ns = solo5_clock_wall();

    (void)tz;
    if (tv) {
        tv->tv_sec = (time_t)(ns / NSEC_PER_SEC);
        tv->tv_usec = (suseconds_t)(ns % NSEC_PER_SEC / 1000);
    }
    return 0;
}

/* clock() reads this: the one thread's time since boot, all of it "user". */
clock_t times(struct tms *t)
{
    clock_t ticks =
        (clock_t)(solo5_clock_monotonic() / (NSEC_PER_SEC / CLK_TCK));

    if (t) {
        t->tms_utime = ticks;
        t->tms_stime = t->tms_cutime = t->tms_cstime = 0;
    }
    return ticks;
}

/* Sleeps in solo5_yield, which returns early only when a device is ready. */
int nanosleep(const struct timespec *req, struct timespec *rem)
{
    solo5_time_t deadline;

    if (req->tv_sec < 0 || req->tv_nsec < 0 ||
        req->tv_nsec >= (long)NSEC_PER_SEC) {
        errno = EINVAL;
        return -1;
    }
    deadline = solo5_clock_monotonic() +
               (solo5_time_t)req->tv_sec * NSEC_PER_SEC +
               (solo5_time_t)req->tv_nsec;
    while (solo5_clock_monotonic() < deadline)
        solo5_yield(deadline, NULL);
    if (rem)
        rem->tv_sec = rem->tv_nsec = 0;
    return 0;
}

unsigned int sleep(unsigned int seconds)
{
    struct timespec ts = {.tv_sec = (time_t)seconds};

    nanosleep(&ts, NULL);
    return 0;
}

int usleep(useconds_t usec)
{
    struct timespec ts = {.tv_sec = (time_t)(usec / 1000000),
                          .tv_nsec = (long)(usec % 1000000) * 1000};

    return nanosleep(&ts, NULL);
}
