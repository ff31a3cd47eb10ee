/* Kiln example: the smallest Solo5 unikernel; greets and echoes its cmdline. */
#include "solo5.h"

/* No libc in a unikernel: the few helpers it needs come with it. */
static size_t length(const char *s)
{
    size_t n = 0;

    while (s[n] != '\0')
        n++;
    return n;
}

static void print(const char *s)
{
    solo5_console_write(s, length(s));
}

int solo5_app_main(const struct solo5_start_info *si)
{
    print("\nHello, world! This is a Kiln unikernel.\n");
    print("My command line is: \"");
    print(si->cmdline);
    print("\"\n");
    return SOLO5_EXIT_SUCCESS;
}
