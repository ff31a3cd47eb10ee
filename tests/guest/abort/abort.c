/* Guest test abort: solo5_abort ends the unikernel with status 255. */
#include "guest_test.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    (void)si;
    gt_banner("abort");
    solo5_abort();
}
