/* Bench guest libc: printf and malloc churn; the same source runs on glibc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * usage: libc printf|printf-line|snprintf|malloc N; prints "kops K": the N
 * operations' rate, in thousands a second. printf-line asks for a line-buffered
 * stdout, as on a terminal (Kiln's console always is one).
 */

static long long now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static unsigned next(unsigned *x)
{
    *x = *x * 1103515245u + 12345u;
    return *x >> 8;
}

static void bench_printf(long n)
{
    for (long i = 0; i < n; i++)
        printf("line %ld: %s %08x %.3f\n", i, "unikernel",
               (unsigned)i * 2654435761u, (double)i / 7.0);
}

static void bench_snprintf(long n)
{
    char buf[128];
    unsigned sum = 0;

    for (long i = 0; i < n; i++)
        sum += (unsigned)snprintf(buf, sizeof buf, "line %ld: %s %08x %.3f\n",
                                  i, "unikernel", (unsigned)i * 2654435761u,
                                  (double)i / 7.0);
    if (sum == 0)
        printf("impossible\n");
}

/* A working set of 1024 blocks of 16 to 4111 bytes, one freed and one allocated
 * per step. */
static void bench_malloc(long n)
{
    static char *slot[1024];
    unsigned x = 1;

    for (long i = 0; i < n; i++) {
        unsigned r = next(&x);
        char **s = &slot[r % 1024];

        free(*s);
        *s = malloc(16 + (next(&x) % 4096));
        if (!*s) {
            printf("malloc failed\n");
            exit(1);
        }
        (*s)[0] = (char)i;
    }
    for (int i = 0; i < 1024; i++)
        free(slot[i]);
}

int main(int argc, char **argv)
{
    long n = argc == 3 ? atol(argv[2]) : 0;
    long long t0;

    if (n <= 0) {
        printf("usage: libc printf|snprintf|malloc N\n");
        return 2;
    }
    if (strcmp(argv[1], "printf-line") == 0)
        setvbuf(stdout, NULL, _IOLBF, 0);
    t0 = now_ns();
    if (strncmp(argv[1], "printf", 6) == 0)
        bench_printf(n);
    else if (strcmp(argv[1], "snprintf") == 0)
        bench_snprintf(n);
    else if (strcmp(argv[1], "malloc") == 0)
        bench_malloc(n);
    else
        return 2;
    fflush(stdout);
    printf("kops %.1f\n", (double)n / (double)(now_ns() - t0) * 1e6);
    return 0;
}
