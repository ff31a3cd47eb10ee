/* What only modules call: a bad option's one line, seccomp trap rules. */
#include "common_module.h"

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

void sandbox_trap(struct sandbox *sb, int nr, unsigned nargs, ...)
{
    va_list ap;

    va_start(ap, nargs);
    sandbox_add(sb, nr, true, nargs, ap);
    va_end(ap);
}
