/* Kiln spt bindings console: the guest's stdout is the tender's fd 1. */
#include "bindings_spt.h"

void platform_puts(const char *buf, size_t len)
{
    /* Best effort: finish short writes, give up on errors. */
    while (len > 0) {
        long n = sys_write(1, buf, len);

        if (n <= 0)
            return;
        buf += n;
        len -= (size_t)n;
    }
}
