/* Kiln bare-metal x86_64 trap reporting: the trap line, the ABORT line. */
#include "metal.h"

#include <stdbool.h>

#define VEC_PF 14

static const char *const trap_names[METAL_TRAP_VECTORS] = {
    "#DE", "#DB",  "#NMI", "#BP", "#OF", "#BR", "#UD", "#NM",
    "#DF", "#CSO", "#TS",  "#NP", "#SS", "#GP", "#PF", "#15",
    "#MF", "#AC",  "#MC",  "#XM", "#VE", "#CP", "#22", "#23",
    "#24", "#25",  "#26",  "#27", "#HV", "#VC", "#SX", "#31",
};

/* Set while a trap is reported: a trap in the reporting ends at once. */
static bool in_trap;

void metal_trap(uint64_t vector, struct trap_frame *tf)
{
    const char *name = vector < METAL_TRAP_VECTORS ? trap_names[vector] : "#?";

    if (in_trap)
        platform_trap_exit(tf);
    in_trap = true;
    if (vector == VEC_PF)
        log_printf(LOG_ERROR,
                   "Solo5: trap: type=%s ec=0x%lx rip=0x%lx rsp=0x%lx "
                   "rflags=0x%lx cr2=0x%lx\n",
                   name, tf->ec, tf->rip, tf->rsp, tf->rflags, tf->cr2);
    else
        log_printf(LOG_ERROR,
                   "Solo5: trap: type=%s ec=0x%lx rip=0x%lx rsp=0x%lx "
                   "rflags=0x%lx\n",
                   name, tf->ec, tf->rip, tf->rsp, tf->rflags);
    panic_print_at(__FILE__, __LINE__, "Fatal trap");
    platform_trap_exit(tf);
}
