/* Guest test libc: an ordinary C program over picolibc, main() and all. */
#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <setjmp.h>
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
    CHECK(ctor_ran);
    CHECK(atexit(at_exit) == 0);
    strings_and_memory();
    heap();
    clocks();
    no_os();
    if (setjmp(env) == 0)
        jump();
    else
        printf("longjmp came back\n");
    if (failures == 0)
        printf("SUCCESS\n");
    return failures ? 1 : 0;
}
