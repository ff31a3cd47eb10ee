/* Guest test ssp: a 16-byte stack buffer overflow trips the canary. */
#include "guest_test.h"

/* Far enough past the buffer to cover the canary wherever it sits. */
static volatile size_t overflow_len = 64;

static __attribute__((noinline)) void smash(void)
{
    char buf[16];
    /* volatile: neither the target nor the stores may be optimised away. */
    volatile char *volatile p = buf;

    for (size_t i = 0; i < overflow_len; i++)
        p[i] = 'X';
}

int solo5_app_main(const struct solo5_start_info *si)
{
    (void)si;
    gt_banner("ssp");
    smash();
    gt_fail("stack smashing went unnoticed");
}
