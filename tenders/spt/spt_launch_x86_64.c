/* solo5-spt x86_64 launch: clear FS, switch to the guest stack and jump. */
#include "spt.h"

/*
 * The guest starts as if called (rsp + 8 is 16-byte aligned) with the boot
 * info in rdi. The FS base still points at the tender's thread block (its
 * stack canary, its libc state), so it is cleared with arch_prctl (the
 * sandbox allows ARCH_SET_FS) before the jump: no C code, which might read
 * the canary through FS, runs after that. Every other register is cleared
 * too, so no tender address leaks into the guest. A failed arch_prctl
 * stops at ud2 rather than start the guest with FS set.
 */
void spt_launch(uint64_t stack_top, uint64_t entry, uint64_t arg)
{
    __asm__ volatile("mov %0, %%rsp\n\t"
                     "mov $158, %%eax\n\t"    /* SYS_arch_prctl */
                     "mov $0x1002, %%edi\n\t" /* ARCH_SET_FS */
                     "xor %%esi, %%esi\n\t"
                     "syscall\n\t"
                     "test %%rax, %%rax\n\t"
                     "jz 1f\n\t"
                     "ud2\n"
                     "1:\n\t"
                     "mov %%rbx, %%rax\n\t"
                     "mov %%rdx, %%rdi\n\t"
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
                     : "r"(stack_top), "b"(entry), "d"(arg)
                     : "memory", "rax", "rcx", "rsi", "rdi", "r11");
    __builtin_unreachable();
}
