/* Guest test memory: heap aligned, >= 512 KiB, and all of it usable. */
#include "guest_test.h"

#define PAGE_SIZE 4096UL
#define HEAP_MIN 0x80000UL
#define STACK_RESERVE 0x8000UL /* left alone below our own stack frame */

/* Writes a position-dependent pattern over [start, end), then checks it. */
static int exercise(uintptr_t start, uintptr_t end)
{
    for (uintptr_t p = start; p < end; p += 8)
        *(volatile uint64_t *)p = p ^ 0x5a5a5a5a5a5a5a5aULL;
    for (uintptr_t p = start; p < end; p += 8) {
        if (*(volatile uint64_t *)p != (p ^ 0x5a5a5a5a5a5a5a5aULL))
            return 0;
    }
    return 1;
}

int solo5_app_main(const struct solo5_start_info *si)
{
    uintptr_t start = si->heap_start, top = start + si->heap_size;
    uintptr_t stack =
        ((uintptr_t)__builtin_frame_address(0) - STACK_RESERVE) & ~(uintptr_t)7;

    gt_banner("memory");
    gt_puts("heap ");
    gt_putx(start);
    gt_puts(" size ");
    gt_putu(si->heap_size);
    gt_puts("\n");
    gt_check(start % PAGE_SIZE == 0, "heap_start is not page aligned");
    gt_check(si->heap_size >= HEAP_MIN, "heap is smaller than 512 KiB");
    gt_check(stack > start && stack < top, "the stack is not in the heap");
    gt_check(exercise(start, stack), "heap memory did not read back");
    return gt_success();
}
