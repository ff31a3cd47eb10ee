/* Seccomp trap rules: a matching call raises SIGSYS for a handler. */
#include "common.h"

void sandbox_trap(struct sandbox *sb, int nr, unsigned nargs, ...)
{
    va_list ap;

    va_start(ap, nargs);
    sandbox_add(sb, nr, true, nargs, ap);
    va_end(ap);
}
