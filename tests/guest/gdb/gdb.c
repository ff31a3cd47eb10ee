/* Guest test gdb: known r12-r15, locals and a watched global for gdb. */
#include "guest_test.h"

/* Written once, by compute: the watchpoint's target. */
volatile int gdb_watched;

/* Loads r12-r15 with known values; gdb_regs_set is the instruction after. */
static void known_regs(void)
{
    __asm__ volatile("movabs $0x1212121212121212, %%r12\n\t"
                     "movabs $0x1313131313131313, %%r13\n\t"
                     "movabs $0x1414141414141414, %%r14\n\t"
                     "movabs $0x1515151515151515, %%r15\n\t"
                     ".globl gdb_regs_set\n"
                     "gdb_regs_set:\n\t"
                     "nop\n\t" ::
                         : "r12", "r13", "r14", "r15");
}

static int compute(int a)
{
    int tripled = a * 3;
    int plus = tripled + 4;

    gdb_watched = plus;
    return plus;
}

int solo5_app_main(const struct solo5_start_info *si)
{
    int base = 14;
    int result;

    (void)si;
    gt_banner("gdb");
    known_regs();
    result = compute(base);
    gt_puts(result == 46 ? "gdb: result 46\n" : "gdb: wrong result\n");
    solo5_exit(result == 46 ? 7 : 1);
}
