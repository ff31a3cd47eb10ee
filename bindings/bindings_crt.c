/* Kiln bindings C runtime: stack protector guard and failure handler. */
#include "bindings.h"

/* Compiled code reads the canary from here (-mstack-protector-guard=global). */
uintptr_t __stack_chk_guard;

void __stack_chk_fail(void) NORETURN NO_SSP;

void crt_init_ssp(void)
{
    /* A zero byte stops string overflows from copying the canary over. */
    __stack_chk_guard = (uintptr_t)cpu_cycles() & ~(uintptr_t)0xff00;
}

void __stack_chk_fail(void)
{
    /* The stack is untrustworthy: no formatting, just the fixed message. */
    static const char msg[] = "Solo5: ABORT: Stack corruption detected\n";

    platform_puts(msg, sizeof msg - 1);
    platform_abort();
}
