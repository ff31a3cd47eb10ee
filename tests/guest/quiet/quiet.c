/* Guest test quiet: --solo5:quiet must be stripped and obeyed. */
#include "guest_test.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    /* No "Solo5:" of our own either: the harness greps for it. */
    gt_banner("quiet");
    gt_puts("Command line is: '");
    gt_puts(si->cmdline);
    gt_puts("'\n");
    gt_check(si->cmdline[0] == '\0', "--solo5:quiet was left on the cmdline");
    return gt_success();
}
