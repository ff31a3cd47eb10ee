/* Kiln bare-metal x86_64 clock: the TSC scaled to nanoseconds. */
#include "metal.h"

#define NSEC_PER_SEC 1000000000ULL
/* ns = ticks * mult >> MULT_SHIFT: a 64x64->128 multiply, no division. */
#define MULT_SHIFT 32

static uint64_t tsc_base, tsc_mult;

void tsc_init(uint64_t freq)
{
    /* Any frequency from 1 Hz up gives a multiplier that fits 64 bits. */
    if (freq == 0)
        PANIC("Unusable TSC frequency: %lu Hz", freq);
    tsc_mult = (NSEC_PER_SEC << MULT_SHIFT) / freq;
    tsc_base = cpu_cycles();
}

uint64_t tsc_ns(void)
{
    unsigned __int128 t = (unsigned __int128)(cpu_cycles() - tsc_base);

    return (uint64_t)((t * tsc_mult) >> MULT_SHIFT);
}
