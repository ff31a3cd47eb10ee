/* Guest test printf: exact float printing and strtod, for Kiln and glibc. */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* xorshift64: the same doubles on every run and on both C libraries. */
static uint64_t seed = 0x9e3779b97f4a7c15ull;

static uint64_t next(void)
{
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    return seed;
}

/* A finite double from random bits: every exponent, subnormals included. */
static double random_double(void)
{
    for (;;) {
        uint64_t bits = next();
        double d;

        memcpy(&d, &bits, sizeof d);
        if (d - d == 0)
            return d;
    }
}

/* "roundtrip N": %.17g then strtod gives back each of N doubles. */
static int roundtrip(long n)
{
    char buf[64];
    long bad = 0;

    for (long i = 0; i < n; i++) {
        double x = random_double();

        snprintf(buf, sizeof buf, "%.17g", x);
        if (strtod(buf, NULL) != x && bad++ < 5)
            printf("not exact: %s\n", buf);
    }
    printf("roundtrip: %ld doubles, %ld failed\n", n, bad);
    return bad > 255 ? 255 : (int)bad;
}

static const char *const formats[] = {
    "%.17g",   "%.25f",  "%.30e",  "%g",    "%f",      "%e",     "%.0f",
    "%.1f",    "%.3e",   "%.40g",  "%.60f", "%#.0e",   "%+.20g", "%-30.10e|",
    "%30.5f|", "%08.3f", "% .15g", "%.0e",  "%.1074f", "%.800e", "%G",
};

static void print_all(double x)
{
    static char buf[4096];

    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        int n = snprintf(buf, sizeof buf, formats[i], x);

        printf("%s %d %s\n", formats[i], n, buf);
    }
}

/* A width or precision past INT_MAX: -1 and EOVERFLOW. */
static void overflow(void)
{
    static const char *const big[] = {"%2147483648d", "%.2147483648f",
                                      "%99999999999s", "%.4294967296e"};
    char buf[16];

    for (size_t i = 0; i < sizeof big / sizeof big[0]; i++) {
        errno = 0;
        int n = snprintf(buf, sizeof buf, big[i], 1);

        printf("%s: %d %s\n", big[i], n,
               errno == EOVERFLOW ? "EOVERFLOW" : "-");
    }
    volatile int w = INT_MIN; /* unknown to gcc, which would warn */
    errno = 0;
    int n = snprintf(buf, sizeof buf, "%*d", w, 1);
    printf("%%*d INT_MIN: %d %s\n", n, errno == EOVERFLOW ? "EOVERFLOW" : "-");
}

/* "formats N": fixed values, then N random doubles, in every format. */
static int formats_of(long n)
{
    static const double fixed[] = {0.1,
                                   0.5,
                                   1.5,
                                   2.5,
                                   -0.0,
                                   1e300,
                                   1e-300,
                                   5e-324,
                                   1.7976931348623157e308,
                                   2.2250738585072014e-308,
                                   123456789.125,
                                   0.3};

    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        print_all(fixed[i]);
    for (long i = 0; i < n; i++)
        print_all(random_double());
    overflow();
    return 0;
}

/* Strings where C's hex prefix matters: "0x" only right after the sign. */
static const char *const numbers[] = {
    "0.x00a", "00x1",    "0.0x8",  "0x",       "0X",       "-0x",    "+0x",
    "-0x1p3", "0x1.8p1", " +0X1A", "0xg",      "0x.",      "0x.8",   "0x.g",
    "0x.p1",  "0xp1",    "0x1p-2", "0xA.8p+1", "0x0x1",    ".0x1",   "00x",
    "0e1x",   "1x2",     "x1",     "-0",       "0x0.8p-1", "0x.8p1", "0",
};

/* "strtod": the value and end of strtod, then of sscanf's %lf, for each. Two
 * differences of picolibc's scanf, not of the prefix, are left out: a failure
 * to match at the end of the input returns EOF (glibc: 0, as for "-"), so
 * EOF prints as 0; and an exponent without digits ("0x1p") is left unread
 * (glibc reads the "p"), so no string ends in one. */
static int strtod_of(void)
{
    for (size_t i = 0; i < sizeof numbers / sizeof numbers[0]; i++) {
        const char *s = numbers[i];
        char *end;
        double x = strtod(s, &end);
        int n = -1;
        double y = -1;
        int r = sscanf(s, "%lf%n", &y, &n);

        printf("strtod \"%s\": %.17g %d; sscanf %d %.17g %d\n", s, x,
               (int)(end - s), r == EOF ? 0 : r, y, n);
    }
    return 0;
}

int main(int argc, char **argv)
{
    long n = argc > 2 ? atol(argv[2]) : 0;

    if (argc > 1 && strcmp(argv[1], "roundtrip") == 0)
        return roundtrip(n);
    if (argc > 1 && strcmp(argv[1], "formats") == 0)
        return formats_of(n);
    if (argc > 1 && strcmp(argv[1], "strtod") == 0)
        return strtod_of();
    printf("usage: printf roundtrip|formats N | strtod\n");
    return 2;
}
