/* nolibc test: the program's own C library, over the Solo5 API only. */
#include <stdio.h>
#include <string.h>

#include "solo5.h"

void *memcpy(void *dst, const void *src, size_t n)
{
    char *d = dst;
    const char *s = src;

    while (n--)
        *d++ = *s++;
    return dst;
}

void *memset(void *dst, int c, size_t n)
{
    char *d = dst;

    while (n--)
        *d++ = (char)c;
    return dst;
}

size_t strlen(const char *s)
{
    size_t n = 0;

    while (s[n])
        n++;
    return n;
}

int puts(const char *s)
{
    solo5_console_write(s, strlen(s));
    solo5_console_write("\n", 1);
    return 0;
}
