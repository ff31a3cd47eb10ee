/* Guest test exit: solo5_exit with the status given on the cmdline. */
#include "guest_test.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    int ok;
    long status = gt_atol(si->cmdline, &ok);

    gt_banner("exit");
    gt_check(ok, "usage: exit STATUS");
    gt_puts("exiting with ");
    gt_puts(si->cmdline);
    gt_puts("\n");
    solo5_exit((int)status);
}
