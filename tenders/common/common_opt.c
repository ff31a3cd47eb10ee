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
    size_t used = 0;

    buf[0] = '\0';
    for (int i = 0; i < argc; i++) {
        size_t len = strlen(argv[i]) + (i > 0);
        if (len >= size - used)
            return -1;
        if (i > 0)
            buf[used++] = ' ';
        memcpy(buf + used, argv[i], len - (i > 0) + 1);
        used += len - (i > 0);
    }
    return 0;
}
