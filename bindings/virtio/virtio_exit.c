/* Kiln virtio termination: QEMU's isa-debug-exit, ACPI S5, then halt. */
#include "virtio.h"

#define DEBUG_EXIT_PORT 0x501
#define DEBUG_EXIT_VALUE 41 /* QEMU then exits with (41 << 1) | 1 = 83 */

/* NO_SSP: the abort paths come here with the stack in any state. */
static NO_SSP NORETURN void poweroff(void)
{
    static const char msg[] = "Solo5: Halted\n";

    /* The status cannot be conveyed: every exit looks the same. */
    cpu_outw(DEBUG_EXIT_PORT, DEBUG_EXIT_VALUE);
    acpi_poweroff();
    platform_puts(msg, sizeof msg - 1);
    cpu_halt();
}

void platform_exit(int status)
{
    (void)status;
    /* A clean exit keeps the frames written before it; an abort need not. */
    net_drain();
    poweroff();
}

NO_SSP void platform_abort(void)
{
    poweroff();
}

NO_SSP void platform_trap_exit(struct trap_frame *tf)
{
    (void)tf;
    poweroff();
}
