/* Helpers shared by the bench guests: command-line numbers and rate lines. */
#ifndef KILN_BENCHG_H
#define KILN_BENCHG_H

#include "nettest.h"

/* Parses the next space-separated decimal number at *p and advances *p. */
static inline uint64_t bg_next(const char **p)
{
    uint64_t v = 0;

    while (**p == ' ')
        (*p)++;
    for (; **p >= '0' && **p <= '9'; (*p)++)
        v = v * 10 + (uint64_t)(**p - '0');
    return v;
}

/* Prints "WHAT N" where N is count per second over ns nanoseconds. */
static inline void bg_rate(const char *what, uint64_t count, uint64_t ns)
{
    nt_puts(what);
    nt_puts(" ");
    nt_putu(ns ? count * 1000000000ULL / ns : 0);
    nt_puts("\n");
}

#endif /* KILN_BENCHG_H */
