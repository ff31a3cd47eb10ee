/* Guest test exception: a write far above guest memory (2^34) must fault. */
#include "guest_test.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    /* volatile: keeps the compiler from reasoning about the address. */
    volatile uintptr_t addr = 1ULL << 34;

    (void)si;
    gt_banner("exception");
    *(volatile int *)addr = 1;
    gt_fail("writing at 2^34 did not fault");
}
