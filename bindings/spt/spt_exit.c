/* Kiln spt bindings termination hooks: the process ends with exit_group. */
#include "bindings_spt.h"

void platform_exit(int status)
{
    sys_exit_group(status);
}

void platform_abort(void)
{
    sys_exit_group(SOLO5_EXIT_ABORT);
}
