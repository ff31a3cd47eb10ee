/* Kiln hvt bindings termination: the HALT hypercall, with a trap cookie. */
#include "bindings_hvt.h"

_Static_assert(sizeof(struct trap_frame) == sizeof(struct hvt_trap_frame),
               "the trap frame is the HALT cookie");

/* NO_SSP: the abort paths come here with the stack in any state. */
static NO_SSP NORETURN void halt(int status, void *cookie)
{
    struct hvt_hc_halt h = {.cookie = cookie, .exit_status = status};

    bindings_hvt_hypercall(HVT_HYPERCALL_HALT, &h);
    /* Unreachable: the tender does not resume a halted guest. */
    cpu_halt();
}

void platform_exit(int status)
{
    halt(status, NULL);
}

NO_SSP void platform_abort(void)
{
    halt(SOLO5_EXIT_ABORT, NULL);
}

NO_SSP void platform_trap_exit(struct trap_frame *tf)
{
    halt(SOLO5_EXIT_ABORT, tf);
}
