/* Guest test xheap: running code placed on the heap must fault. */
#include "guest_test.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    gt_banner("xheap");
    *(volatile uint8_t *)si->heap_start = 0xc3; /* ret */
    gt_call(si->heap_start);
    gt_fail("code on the heap ran");
}
