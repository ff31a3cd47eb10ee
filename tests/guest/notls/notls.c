/* Guest test notls: with TLS base 0, a %fs access must fault. */
#include "guest_test.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    uint64_t v;

    (void)si;
    gt_banner("notls");
    /* Where the stack canary would live if it were in TLS. */
    __asm__ volatile("movq %%fs:0x28, %0" : "=r"(v));
    gt_putx(v);
    gt_fail("reading %fs:0x28 did not fault");
}
