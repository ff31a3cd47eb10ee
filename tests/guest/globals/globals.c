/* Guest test globals: .data and .bss load, change and read back. */
#include "guest_test.h"

/* Not static, so the compiler cannot assume their values at entry. */
int initialised = 41;
char message[] = "Hello, globals";
uint64_t zeroed[64];

int solo5_app_main(const struct solo5_start_info *si)
{
    (void)si;
    gt_banner("globals");
    gt_check(initialised == 41, ".data did not hold its initial value");
    for (size_t i = 0; i < 64; i++)
        gt_check(zeroed[i] == 0, ".bss is not zero");
    initialised++;
    message[0] = 'J';
    zeroed[63] = 0xfeed;
    gt_puts(message);
    gt_puts("\n");
    gt_check(initialised == 42 && message[0] == 'J' && zeroed[63] == 0xfeed,
             "globals did not keep what was written");
    return gt_success();
}
