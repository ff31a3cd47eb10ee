/* Kiln network layer: lwIP's random numbers from the C runtime's entropy. */
#include <stddef.h>
#include <stdint.h>

#include "net.h"

/* The C runtime's, when it has one; weak, so a runtime without it links. */
int getentropy(void *buf, size_t len);
#pragma weak getentropy

/* Without entropy: splitmix64 over the clocks (unpredictable enough for a
 * DHCP transaction id, not for TCP sequence numbers against an attacker). */
static uint32_t fallback(void)
{
    static uint64_t state;
    uint64_t z;

    if (state == 0)
        state = solo5_clock_wall() ^ (solo5_clock_monotonic() << 17);
    state += 0x9e3779b97f4a7c15ULL;
    z = state;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return (uint32_t)(z ^ (z >> 31));
}

unsigned int net_rand(void)
{
    uint32_t v;

    if (getentropy && getentropy(&v, sizeof v) == 0)
        return v;
    return fallback();
}
