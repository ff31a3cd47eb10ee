/* Tender command-line pieces: numbers, the guest command line. */
#include "common.h"

#include <errno.h>
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
    char *p = buf;

    *p = '\0';
    for (int i = 0; i < argc; i++) {
        size_t n = strlen(argv[i]) + (i > 0); /* and its space */
        if (n >= size - (size_t)(p - buf))
            return -1;
        p = stpcpy(i > 0 ? stpcpy(p, " ") : p, argv[i]);
    }
    return 0;
}
