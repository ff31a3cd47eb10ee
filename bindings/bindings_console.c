/* Kiln bindings console: the public write call over the target hook. */
#include "bindings.h"

void solo5_console_write(const char *buf, size_t size)
{
    platform_puts(buf, size);
}
