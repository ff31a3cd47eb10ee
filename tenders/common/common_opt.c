/* Tender command-line pieces: numbers, the guest command line. */
#include "common.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool opt_parse_u64(const char *s, uint64_t *v)
{
    char *end;
    unsigned long long n;

    if (*s < '0' || *s > '9')
        return false;
    errno = 0;
    n = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0')
        return false;
    *v = n;
    return true;
}

int cmdline_join(char *buf, size_t size, int argc, char *const argv[])
{
    size_t used = 0;

    buf[0] = '\0';
    for (int i = 0; i < argc; i++) {
        int n = snprintf(buf + used, size - used, "%s%s", i > 0 ? " " : "",
                         argv[i]);
        if (n < 0 || (size_t)n >= size - used)
            return -1;
        used += (size_t)n;
    }
    return 0;
}
