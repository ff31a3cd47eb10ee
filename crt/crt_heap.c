/* Kiln C runtime: sbrk over the start-of-day heap, for picolibc's malloc. */
#include <errno.h>
#include <unistd.h>

#include "crt.h"

static uintptr_t heap_start, heap_brk, heap_end;

void crt_heap_setup(uintptr_t start, uintptr_t end)
{
    heap_start = heap_brk = (start + 15) & ~(uintptr_t)15;
    heap_end = end > heap_brk ? end : heap_brk;
}

void *sbrk(ptrdiff_t incr)
{
    uintptr_t old = heap_brk;

    /* Grows up to heap_end, shrinks no lower than where it started. */
    if (incr > 0 ? (uintptr_t)incr > heap_end - heap_brk
                 : (uintptr_t)0 - (uintptr_t)incr > heap_brk - heap_start) {
        errno = ENOMEM;
        return (void *)-1;
    }
    heap_brk += incr;
    return (void *)old;
}
