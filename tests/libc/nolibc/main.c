/* nolibc test: a Solo5 program with its own libc headers and functions. */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "solo5.h"

#if !defined(NOLIBC_OWN_STRING_H) || !defined(NOLIBC_OWN_STDIO_H)
#error "the program's own headers were not the ones included"
#endif

struct big {
    char bytes[300];
};

int solo5_app_main(const struct solo5_start_info *si)
{
    struct big a, b;

    memset(&a, 'n', sizeof a);
    b = a; /* a memcpy call the compiler emits */
    if (b.bytes[299] != 'n' || INT_MAX != 2147483647)
        return 1;
    puts("nolibc: own headers and functions");
    puts(si->cmdline);
    return (int)strlen(si->cmdline);
}
