/* Kiln bindings x86_64 CPU helpers shared by every x86_64 target. */
#include "bindings.h"

uint64_t cpu_cycles(void)
{
    uint32_t lo, hi;

    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}
