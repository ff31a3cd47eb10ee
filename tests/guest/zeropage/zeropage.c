/* Guest test zeropage: a write to address 8 must fault. */
#include "guest_test.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    volatile uintptr_t addr = 8;

    (void)si;
    gt_banner("zeropage");
    *(volatile int *)addr = 1;
    gt_fail("writing at address 8 did not fault");
}
