/* Guest test hello: prints its cmdline; SUCCESS iff "Hello_Solo5". */
#include "guest_test.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    gt_banner("hello");
    gt_puts("Hello, World\nCommand line is: '");
    gt_puts(si->cmdline);
    gt_puts("'\n");
    gt_check(gt_streq(si->cmdline, "Hello_Solo5"),
             "command line is not Hello_Solo5");
    return gt_success();
}
