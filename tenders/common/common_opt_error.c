/* A module's bad option: one line naming why, and the option escaped. */
#include "common.h"

#include <err.h>
#include <stdarg.h>
#include <stdio.h>

int tender_bad_option(const char *opt, const char *fmt, ...)
{
    char why[256], shown[TENDER_ESCAPED_SIZE];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    warnx("%s; Invalid option: '%s'", why,
          tender_escape(opt, shown, sizeof shown));
    return -1;
}
