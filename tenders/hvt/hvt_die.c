/* solo5-hvt fatal errors: one line on stderr, then the guest ends (exit 1). */
#include "hvt.h"

#include <err.h>
#include <stdarg.h>

void hvt_die(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vwarnx(fmt, ap);
    va_end(ap);
    hvt_end(1, true);
}
