/* Bench guest: N WALLTIME hypercalls ("N"), timed with the TSC clock. */
#include "benchg.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    uint64_t n = nt_atou(si->cmdline), t0, t1, sum = 0;

    if (n == 0)
        nt_fail("usage: hcall N");
    t0 = solo5_clock_monotonic();
    for (uint64_t i = 0; i < n; i++)
        sum += solo5_clock_wall();
    t1 = solo5_clock_monotonic();
    if (sum == 0)
        nt_fail("the wall clock reads 0");
    nt_puts("calls ");
    nt_putu(n);
    nt_puts("\nns ");
    nt_putu(t1 - t0);
    nt_puts("\n");
    return SOLO5_EXIT_SUCCESS;
}
