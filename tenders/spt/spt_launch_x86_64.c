/* solo5-spt x86_64 launch: switch to the guest stack and jump. */
#include "spt.h"

/*
 * The guest starts as if called (rsp + 8 is 16-byte aligned) with the boot
 * info in rdi. Every other register is cleared so no tender address leaks
 * into the guest.
 */
void spt_launch(uint64_t stack_top, uint64_t entry, uint64_t arg)
{
    __asm__ volatile("mov %0, %%rsp\n\t"
                     "xor %%ebx, %%ebx\n\t"
                     "xor %%ecx, %%ecx\n\t"
                     "xor %%edx, %%edx\n\t"
                     "xor %%esi, %%esi\n\t"
                     "xor %%ebp, %%ebp\n\t"
                     "xor %%r8d, %%r8d\n\t"
                     "xor %%r9d, %%r9d\n\t"
                     "xor %%r10d, %%r10d\n\t"
                     "xor %%r11d, %%r11d\n\t"
                     "xor %%r12d, %%r12d\n\t"
                     "xor %%r13d, %%r13d\n\t"
                     "xor %%r14d, %%r14d\n\t"
                     "xor %%r15d, %%r15d\n\t"
                     "jmp *%%rax"
                     :
                     : "r"(stack_top), "a"(entry), "D"(arg)
                     : "memory");
    __builtin_unreachable();
}
