/* Guest test leak: what a guest finds of the tender through FS at entry. */
#include "guest_test.h"

/* The first word at the FS base the tender left, if reading it worked. */
uint64_t leak_fs_word;

/*
 * A second entry point; the test patches e_entry to it. Before the bindings
 * get to clear FS, it reads through FS whatever the tender left there: on
 * Linux the thread block of the tender, whose first word is its own address.
 * A tender that clears the FS base makes this read fault (SIGSEGV), since
 * nothing is mapped at 0. Otherwise it records the word and starts as usual.
 */
__asm__(".text\n"
        ".globl leak_entry\n"
        ".type leak_entry, @function\n"
        "leak_entry:\n"
        "    mov %fs:0, %rax\n"
        "    mov %rax, leak_fs_word(%rip)\n"
        "    jmp _start\n");

static void wait_ms(uint64_t ms)
{
    solo5_time_t end = solo5_clock_monotonic() + ms * 1000000ULL;

    while (solo5_clock_monotonic() < end)
        solo5_yield(end, NULL);
}

/* ARGS: how long to stay alive (ms), so the test can look at the process. */
int solo5_app_main(const struct solo5_start_info *si)
{
    int ok;
    long ms = gt_atol(si->cmdline, &ok);

    gt_banner("leak");
    if (leak_fs_word != 0) {
        gt_puts("FS base of the tender reached the guest: ");
        gt_putx(leak_fs_word);
        gt_puts("\n");
        return SOLO5_EXIT_FAILURE;
    }
    gt_puts("READY\n");
    if (ok && ms > 0)
        wait_ms((uint64_t)ms);
    return gt_success();
}
