/* Prints BYTES drawn from getentropy in hex, for rngtest on the host. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define LINE 64

/* usage: entropy BYTES   (a multiple of 64) */
int main(int argc, char **argv)
{
    unsigned char buf[256];
    long total = argc == 2 ? atol(argv[1]) : 0;

    if (total <= 0 || total % LINE != 0) {
        printf("entropy: usage: entropy BYTES (a positive multiple of %d)\n",
               LINE);
        return 2;
    }
    for (long done = 0; done < total; done += (long)sizeof(buf)) {
        size_t n = total - done < (long)sizeof(buf) ? (size_t)(total - done)
                                                    : sizeof(buf);

        /* 256 bytes is the most one call may ask for */
        if (getentropy(buf, n) != 0) {
            printf("entropy: getentropy: %s\n", strerror(errno));
            return 1;
        }
        for (size_t i = 0; i < n; i++)
            printf("%02x%s", buf[i], i % LINE == LINE - 1 ? "\n" : "");
    }
    printf("entropy: %ld bytes\n", total);
    return 0;
}
