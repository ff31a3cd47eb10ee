/* Helpers shared by the host device benchmarks: clock, numbers, rate lines. */
#ifndef KILN_BENCH_DEV_H
#define KILN_BENCH_DEV_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static inline uint64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* Prints "WHAT N" where N is count per second over ns nanoseconds. */
static inline void print_rate(const char *what, uint64_t count, uint64_t ns)
{
    printf("%s %llu\n", what,
           (unsigned long long)(ns ? count * 1000000000ULL / ns : 0));
}

static inline uint64_t arg_u64(const char *s)
{
    return strtoull(s, NULL, 10);
}

#endif /* KILN_BENCH_DEV_H */
