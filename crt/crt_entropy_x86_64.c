/* Kiln C runtime: the x86_64 entropy source, RDSEED or else RDRAND (CPUID). */
#include <cpuid.h>

#include "crt.h"

/*
 * Intel's DRNG guide: RDRAND fails only when its buffer is drained, and
 * 10 tries in a row failing mean a broken unit; RDSEED runs dry more often
 * under load and is retried after a PAUSE. Some AMD parts have returned
 * all ones with the carry set: that value counts as a failed try.
 */
#define RDSEED_TRIES 128
#define RDRAND_TRIES 10

static int probed, has_rdseed, has_rdrand;

static void probe(void)
{
    unsigned int a, b, c, d;

    if (__get_cpuid(1, &a, &b, &c, &d))
        has_rdrand = (c & bit_RDRND) != 0;
    if (__get_cpuid_max(0, NULL) >= 7 &&
        __get_cpuid_count(7, 0, &a, &b, &c, &d))
        has_rdseed = (b & bit_RDSEED) != 0;
    probed = 1;
}

static int rdseed(uint64_t *v)
{
    unsigned char ok;

    __asm__ volatile("rdseed %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
    return ok && *v != ~(uint64_t)0;
}

static int rdrand(uint64_t *v)
{
    unsigned char ok;

    __asm__ volatile("rdrand %0; setc %1" : "=r"(*v), "=qm"(ok) : : "cc");
    return ok && *v != ~(uint64_t)0;
}

int crt_rng_present(void)
{
    if (!probed)
        probe();
    return has_rdseed || has_rdrand;
}

int crt_rng_read(uint64_t *v)
{
    if (!crt_rng_present())
        return -1;
    for (int i = 0; has_rdseed && i < RDSEED_TRIES; i++) {
        if (rdseed(v))
            return 0;
        __builtin_ia32_pause();
    }
    for (int i = 0; has_rdrand && i < RDRAND_TRIES; i++)
        if (rdrand(v))
            return 0;
    return -1;
}
