/* mbed TLS's timing: timers, delays, a polled alarm on the clock. */
#include <time.h>

#include "mbedtls/timing.h"

#define NS_PER_MS 1000000ull
#define NS_PER_S 1000000000ull

/*
 * The alarm: its flag, and its deadline while it is set and not yet due.
 * Reading the clock may be a host system call (spt: several microseconds
 * under a loaded or sandboxed host), dearer than the work a benchmark does
 * between two polls, so a poll reads it only every poll_every calls: the
 * count doubles while two readings are less than half of POLL_GAP_NS apart
 * and halves when they are more than POLL_GAP_NS apart. The flag is set at
 * the first reading at or past the deadline: never early, and late by about
 * POLL_GAP_NS at most while the polled work keeps its pace.
 */
#define POLL_GAP_NS 1000000ull
#define POLL_EVERY_MAX (1u << 24)
static volatile int alarm_flag;
static int alarm_armed;
static uint64_t alarm_deadline_ns;
static uint64_t poll_last_ns;
static unsigned poll_every, poll_count;

static uint64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

/* The "cycle counter" of mbed TLS's benchmarks: here, nanoseconds. */
unsigned long mbedtls_timing_hardclock(void)
{
    return (unsigned long)now_ns();
}

unsigned long mbedtls_timing_get_timer(struct mbedtls_timing_hr_time *val,
                                       int reset)
{
    uint64_t now = now_ns();

    if (reset) {
        val->start_ns = now;
        return 0;
    }
    return (unsigned long)((now - val->start_ns) / NS_PER_MS);
}

void mbedtls_set_alarm(int seconds)
{
    alarm_armed = seconds > 0;
    alarm_flag = !alarm_armed;
    poll_every = 1;
    poll_count = 0;
    if (alarm_armed) {
        poll_last_ns = now_ns();
        alarm_deadline_ns = poll_last_ns + (uint64_t)seconds * NS_PER_S;
    }
}

/* Spaces the clock readings of the polls about POLL_GAP_NS apart. */
static void poll_adapt(uint64_t now)
{
    uint64_t gap = now - poll_last_ns;

    poll_last_ns = now;
    if (gap < POLL_GAP_NS / 2 && poll_every < POLL_EVERY_MAX)
        poll_every *= 2;
    else if (gap > POLL_GAP_NS && poll_every > 1)
        poll_every /= 2;
}

volatile int *mbedtls_kiln_timing_alarmed(void)
{
    uint64_t now;

    if (!alarm_armed || ++poll_count < poll_every)
        return &alarm_flag;
    poll_count = 0;
    now = now_ns();
    if (now >= alarm_deadline_ns) {
        alarm_armed = 0;
        alarm_flag = 1;
    } else {
        poll_adapt(now);
    }
    return &alarm_flag;
}

void mbedtls_timing_set_delay(void *data, uint32_t int_ms, uint32_t fin_ms)
{
    mbedtls_timing_delay_context *ctx = data;

    ctx->int_ms = int_ms;
    ctx->fin_ms = fin_ms;
    if (fin_ms != 0)
        mbedtls_timing_get_timer(&ctx->timer, 1);
}

/* -1: no delay set; 0: none passed; 1: the intermediate one; 2: the final one.
 */
int mbedtls_timing_get_delay(void *data)
{
    mbedtls_timing_delay_context *ctx = data;
    unsigned long ms;

    if (ctx->fin_ms == 0)
        return -1;
    ms = mbedtls_timing_get_timer(&ctx->timer, 0);
    if (ms >= ctx->fin_ms)
        return 2;
    return ms >= ctx->int_ms ? 1 : 0;
}
