/* Bench guest: writes every page of its heap, says "held", then idles. */
#include "benchg.h"

#define PAGE 4096
#define STACK_MARGIN (16 * PAGE) /* left alone below our stack frame */
#define HOLD_NS 60000000000ULL   /* idle this long at most (ns) */

/* Writes one byte in each page of [start, end). */
static void touch(uintptr_t start, uintptr_t end)
{
    for (uintptr_t p = start; p < end; p += PAGE)
        *(volatile uint8_t *)p = 1;
}

int solo5_app_main(const struct solo5_start_info *si)
{
    uintptr_t start = si->heap_start, end = si->heap_start + si->heap_size;
    uintptr_t sp = (uintptr_t)&start & ~(uintptr_t)(PAGE - 1);

    /* The stack lives at the top of the heap: stop short of it. */
    if (sp - STACK_MARGIN < end)
        end = sp - STACK_MARGIN;
    touch(start, end);
    nt_puts("held ");
    nt_putu((end - start) / PAGE);
    nt_puts(" pages\n");
    solo5_yield(solo5_clock_monotonic() + HOLD_NS, NULL);
    return SOLO5_EXIT_SUCCESS;
}
