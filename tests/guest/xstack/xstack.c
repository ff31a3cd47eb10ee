/* Guest test xstack: running code placed on the stack must fault. */
#include "guest_test.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    volatile uint8_t code[16];

    (void)si;
    gt_banner("xstack");
    code[0] = 0xc3; /* ret */
    gt_call((uintptr_t)code);
    gt_fail("code on the stack ran");
}
