/* Network stack test guest: interfaces up before main, then serves N s. */
#include <stdio.h>
#include <stdlib.h>

#include "kiln/net.h"
#include "solo5.h"

int main(int argc, char **argv)
{
    long secs = argc > 1 ? atol(argv[1]) : 10;
    uint64_t end;

    printf("argc=%d", argc);
    for (int i = 1; i < argc; i++)
        printf(" [%s]", argv[i]);
    printf("\nserving for %ld s\n", secs);
    fflush(stdout);
    end = solo5_clock_monotonic() + (uint64_t)secs * 1000000000ULL;
    while (solo5_clock_monotonic() < end)
        kiln_net_poll(end);
    printf("SUCCESS\n");
    return 0;
}
