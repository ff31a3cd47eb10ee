/* Kiln guest test helpers: console output, strings, verdicts. */
#ifndef KILN_GUEST_TEST_H
#define KILN_GUEST_TEST_H

#include "solo5.h"

/* The bindings keep their string functions to themselves: tests bring their
 * own. */
static inline size_t gt_strlen(const char *s)
{
    size_t n = 0;

    while (s[n] != '\0')
        n++;
    return n;
}

static inline int gt_streq(const char *a, const char *b)
{
    while (*a != '\0' && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static inline void gt_puts(const char *s)
{
    solo5_console_write(s, gt_strlen(s));
}

/* Prints v in base (10 or 16, no prefix). */
static inline void gt_putn(uint64_t v, unsigned base)
{
    char buf[24];
    int i = sizeof buf - 1;

    buf[i] = '\0';
    do {
        buf[--i] = "0123456789abcdef"[v % base];
        v /= base;
    } while (v != 0);
    gt_puts(buf + i);
}

static inline void gt_putu(uint64_t v)
{
    gt_putn(v, 10);
}

static inline void gt_putx(uint64_t v)
{
    gt_puts("0x");
    gt_putn(v, 16);
}

/* The header every test starts its output with. */
static inline void gt_banner(const char *name)
{
    gt_puts("\n**** Kiln standalone test_");
    gt_puts(name);
    gt_puts(" ****\n\n");
}

/* Says why the test failed and exits 1. */
static inline void __attribute__((noreturn)) gt_fail(const char *why)
{
    gt_puts("FAILURE: ");
    gt_puts(why);
    gt_puts("\n");
    solo5_exit(SOLO5_EXIT_FAILURE);
}

static inline void gt_check(int ok, const char *why)
{
    if (!ok)
        gt_fail(why);
}

/* The verdict the harness looks for; returns the status to exit with. */
static inline int gt_success(void)
{
    gt_puts("SUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}

/* Parses an optionally negative decimal integer; *ok is 0 on garbage. */
static inline long gt_atol(const char *s, int *ok)
{
    int neg = *s == '-';
    long v = 0;

    s += neg;
    *ok = *s != '\0';
    for (; *s != '\0'; s++) {
        if (*s < '0' || *s > '9')
            *ok = 0;
        v = v * 10 + (*s - '0');
    }
    return neg ? -v : v;
}

/* Calls code at addr as a function: for tests that execute where they must not.
 */
static inline void gt_call(uintptr_t addr)
{
    ((void (*)(void))addr)();
}

#endif /* KILN_GUEST_TEST_H */
