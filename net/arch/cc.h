/* Kiln's lwIP compiler and platform definitions (over picolibc). */
#ifndef KILN_LWIP_ARCH_CC_H
#define KILN_LWIP_ARCH_CC_H

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/types.h>

/* ssize_t is the C library's (long); lwIP defines its own without this. */
#ifndef SSIZE_MAX
#define SSIZE_MAX LONG_MAX
#endif

/* x86_64 is little-endian; picolibc's <endian.h> says so too. */
#ifndef BYTE_ORDER
#define BYTE_ORDER LITTLE_ENDIAN
#endif

/* Diagnostics go to the console through stdio; a failed assertion aborts. */
#define LWIP_PLATFORM_DIAG(x)                                                  \
    do {                                                                       \
        printf x;                                                              \
    } while (0)
#define LWIP_PLATFORM_ASSERT(x)                                                \
    do {                                                                       \
        printf("lwIP assertion \"%s\" failed at %s:%d\n", x, __FILE__,         \
               __LINE__);                                                      \
        fflush(stdout);                                                        \
        abort();                                                               \
    } while (0)

#endif
