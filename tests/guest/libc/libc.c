/* Guest test libc: an ordinary C program over picolibc, main() and all. */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <kiln/entropy.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static int failures;
static int ctor_ran;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            printf("FAILED: %s (line %d)\n", #cond, __LINE__);                 \
            failures++;                                                        \
        }                                                                      \
    } while (0)

__attribute__((constructor)) static void early(void)
{
    ctor_ran = 1;
}

/* Runs after main returns; exit must still write out this unfinished line. */
static void at_exit(void)
{
    printf("atexit handler ran, no newline");
}

static int by_value(const void *a, const void *b)
{
    return *(const int *)a - *(const int *)b;
}

/* A struct copy the compiler turns into a memcpy call. */
struct big {
    char bytes[512];
};

static void strings_and_memory(void)
{
    struct big a, b;
    char buf[64];
    int v[] = {5, 3, 9, 1};

    memset(&a, 'k', sizeof a);
    b = a;
    CHECK(b.bytes[511] == 'k');
    CHECK(strlen("unikernel") == 9);
    CHECK(snprintf(buf, sizeof buf, "%d %s %.3f %x %llu", -7, "str", 3.14159,
                   255, ULLONG_MAX) > 0);
    CHECK(strcmp(buf, "-7 str 3.142 ff 18446744073709551615") == 0);
    CHECK(toupper('q') == 'Q' && isdigit('7') && !isalpha('7'));
    qsort(v, 4, sizeof v[0], by_value);
    CHECK(v[0] == 1 && v[3] == 9);
    CHECK(strtol("-42", NULL, 10) == -42 && atof("2.5") == 2.5);
    CHECK(fabs(sqrt(2.0) * sqrt(2.0) - 2.0) < 1e-12 &&
          fabs(sin(M_PI / 6) - 0.5) < 1e-12);
}

static void heap(void)
{
    void *blocks[256];
    size_t big = 1;

    for (int round = 0; round < 50; round++) {
        for (int i = 0; i < 256; i++) {
            blocks[i] = malloc((size_t)(i * 37 % 2000) + 1);
            CHECK(blocks[i] != NULL);
            memset(blocks[i], i, (size_t)(i * 37 % 2000) + 1);
        }
        for (int i = 0; i < 256; i++)
            free(blocks[i]);
    }
    /* Asking for more than there is fails cleanly, with ENOMEM. */
    errno = 0;
    CHECK(malloc((size_t)1 << 40) == NULL && errno == ENOMEM);
    while (big < ((size_t)1 << 40) && (blocks[0] = malloc(big)) != NULL) {
        free(blocks[0]);
        big *= 2;
    }
    printf("largest malloc: %zu KiB or more\n", big / 2 / 1024);
}

static void clocks(void)
{
    struct timespec t0, t1, nap = {0, 20 * 1000 * 1000};

    CHECK(clock_gettime(CLOCK_MONOTONIC, &t0) == 0);
    CHECK(nanosleep(&nap, NULL) == 0);
    CHECK(clock_gettime(CLOCK_MONOTONIC, &t1) == 0);
    long long ns =
        (t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
    CHECK(ns >= 20 * 1000 * 1000);
    printf("time: %lld\n", (long long)time(NULL));
}

static void no_os(void)
{
    char c;

    errno = 0;
    CHECK(fopen("/etc/passwd", "r") == NULL && errno == ENOSYS);
    CHECK(getchar() == EOF);
    CHECK(read(0, &c, 1) == 0);
    CHECK(write(1, "raw write\n", 10) == 10);
    errno = 0;
    CHECK(write(5, "x", 1) == -1 && errno == EBADF);
    CHECK(isatty(0) && isatty(1) && isatty(2));
    errno = 0;
    CHECK(!isatty(3) && errno == EBADF);
    errno = 0;
    CHECK(rename("a", "b") == -1 && errno == ENOSYS);
}

/* sbrk moves within the heap, never below where it started. */
static void brk_floor(void)
{
    uintptr_t cur = (uintptr_t)sbrk(0);

    CHECK(sbrk(4096) == (void *)cur && sbrk(-4096) == (void *)(cur + 4096));
    CHECK(sbrk(0) == (void *)cur);
    errno = 0;
    /* To page 1: below the heap's start, into code and data. */
    if (sbrk(-(ptrdiff_t)(cur - 4096)) != (void *)-1) {
        sbrk((ptrdiff_t)(cur - 4096));
        CHECK(!"sbrk moved below the heap's start");
    }
    CHECK(errno == ENOMEM && sbrk(0) == (void *)cur);
    CHECK(malloc(100) != NULL);
}

static long long elapsed_ns(const struct timespec *t0)
{
    struct timespec t1;

    clock_gettime(CLOCK_MONOTONIC, &t1);
    return (t1.tv_sec - t0->tv_sec) * 1000000000LL + (t1.tv_nsec - t0->tv_nsec);
}

static void sleeps(void)
{
    struct timespec t0;

    clock_gettime(CLOCK_MONOTONIC, &t0);
    CHECK(usleep(30 * 1000) == 0);
    CHECK(elapsed_ns(&t0) >= 30 * 1000 * 1000);
    clock_gettime(CLOCK_MONOTONIC, &t0);
    CHECK(sleep(1) == 0);
    CHECK(elapsed_ns(&t0) >= 1000 * 1000 * 1000);
}

/*
 * "entropy": 256 bytes of getentropy in hex (the suite compares two runs),
 * the checks one run can make, then "entropy checks: N failed". Without a
 * source: "getentropy: ENOSYS" if that is how it fails, then arc4random
 * ends the program (status 137, SIGKILL's).
 */
static int entropy(void)
{
    unsigned char a[256], b[256], big[257];
    uint32_t counts[3] = {0};

    if (!kiln_entropy_ok()) {
        errno = 0;
        CHECK(getentropy(a, 16) == -1);
        printf("getentropy: %s\n",
               errno == ENOSYS ? "ENOSYS" : strerror(errno));
        /* No weaker stand-in: picolibc's arc4random ends the program. */
        (void)arc4random();
        printf("arc4random returned without a source\n");
        return 1;
    }
    CHECK(getentropy(a, sizeof a) == 0 && getentropy(b, sizeof b) == 0);
    CHECK(memcmp(a, b, sizeof a) != 0);
    printf("entropy:");
    for (size_t i = 0; i < sizeof a; i++)
        printf("%02x", a[i]);
    printf("\n");
    errno = 0;
    CHECK(getentropy(big, sizeof big) == -1 && errno == EIO);
    CHECK(getentropy(big, 0) == 0);
    for (int i = 0; i < 3000; i++) {
        uint32_t r = arc4random_uniform(3);

        CHECK(r < 3);
        counts[r < 3 ? r : 0]++;
        CHECK(arc4random_uniform(1) == 0);
        CHECK(arc4random_uniform(0x80000001u) <= 0x80000000u);
    }
    CHECK(counts[0] > 800 && counts[1] > 800 && counts[2] > 800);
    memset(a, 0, sizeof a);
    memset(b, 0, sizeof b);
    arc4random_buf(a, sizeof a);
    arc4random_buf(b, sizeof b);
    CHECK(memcmp(a, b, sizeof a) != 0 && arc4random() != arc4random());
    printf("entropy checks: %d failed\n", failures);
    return failures ? 1 : 0;
}

static jmp_buf env;

static void jump(void)
{
    longjmp(env, 3);
}

int main(int argc, char **argv)
{
    printf("argc=%d argv0=%s", argc, argv[0]);
    for (int i = 1; i < argc; i++)
        printf(" [%s]", argv[i]);
    printf("\n");
    if (argc == 3 && strcmp(argv[1], "exit") == 0)
        return atoi(argv[2]);
    if (argc == 2 && strcmp(argv[1], "abort") == 0)
        abort();
    if (argc == 2 && strcmp(argv[1], "assert") == 0)
        assert(argc == 1);
    if (argc == 2 && strcmp(argv[1], "entropy") == 0)
        return entropy();
    CHECK(ctor_ran);
    CHECK(atexit(at_exit) == 0);
    strings_and_memory();
    heap();
    clocks();
    no_os();
    brk_floor();
    sleeps();
    if (setjmp(env) == 0)
        jump();
    else
        printf("longjmp came back\n");
    if (failures == 0)
        printf("SUCCESS\n");
    return failures ? 1 : 0;
}
