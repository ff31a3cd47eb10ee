/* Guest test seccomp: a syscall outside the allowlist kills us. */
#include "guest_test.h"

#define SYS_dup 32

int solo5_app_main(const struct solo5_start_info *si)
{
    long ret;

    (void)si;
    gt_banner("seccomp");
    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(SYS_dup), "D"(1)
                     : "rcx", "r11", "memory");
    gt_puts("dup returned ");
    gt_putu((uint64_t)ret);
    gt_fail("a forbidden system call was allowed");
}
