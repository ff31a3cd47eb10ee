/* Guest test dumpcore: aborts, faults or exits, two calls deep. */
#include "guest_test.h"

/* Set by the guest before it ends, for a debugger to find in its core. */
volatile uint64_t dumpcore_marker;

/* noinline: each is a frame of its own in the backtrace of the core. */
static void __attribute__((noinline)) dumpcore_abort_here(void)
{
    dumpcore_marker = 0x6b696c6e636f7265ULL;
    /* A known value in xmm7, which nothing on the way to the abort uses (the
     * bindings are built without SSE): the core must show it. */
    __asm__ volatile("movq %0, %%xmm7" : : "r"(0x1122334455667788ULL) : "xmm7");
    solo5_abort();
}

static void __attribute__((noinline)) dumpcore_fault_here(void)
{
    /* volatile: the compiler must not know the address is null. */
    volatile uintptr_t addr = 0;

    dumpcore_marker = 0x6661756c74ULL;
    *(volatile int *)addr = 1;
}

static void __attribute__((noinline)) dumpcore_ill_here(void)
{
    dumpcore_marker = 0x696c6cULL;
    __builtin_trap();
}

static int __attribute__((noinline)) dumpcore_caller(const char *what)
{
    if (gt_streq(what, "abort"))
        dumpcore_abort_here();
    else if (gt_streq(what, "fault"))
        dumpcore_fault_here();
    else if (gt_streq(what, "ill"))
        dumpcore_ill_here();
    return gt_success();
}

int solo5_app_main(const struct solo5_start_info *si)
{
    gt_banner("dumpcore");
    return dumpcore_caller(si->cmdline);
}
