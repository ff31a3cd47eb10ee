/* Guest test xnow: code is not writable; writing .text must fault. */
#include "guest_test.h"

static void victim(void)
{
    gt_puts("victim ran\n");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    volatile uintptr_t addr = (uintptr_t)victim;

    (void)si;
    gt_banner("xnow");
    *(volatile uint8_t *)addr = 0xc3; /* ret */
    gt_fail("writing to .text did not fault");
}
