/* solo5-spt x86_64 launch: reset the FPU, clear FS, switch stack and jump. */
#include "spt.h"

#include <cpuid.h>

/* The x87, SSE, AVX and AVX-512 state components (XCR0 bits 0-2, 5-7). */
#define XSTATE_VECTORS 0xe7u
/* MXCSR after reset: every exception masked, round to nearest. */
#define MXCSR_DEFAULT 0x1f80u

/*
 * An XSAVE area in its init state: XSTATE_BV (the header) is zero, so XRSTOR
 * initialises every requested component, and MXCSR, which XRSTOR loads from
 * the legacy region whatever XSTATE_BV says, holds its default. Without
 * XSAVE, the same MXCSR field is loaded with LDMXCSR.
 */
static struct {
    uint8_t legacy[24];
    uint32_t mxcsr;
    uint8_t rest[512 + 64 - 28];
} xstate_init __attribute__((aligned(64))) = {.mxcsr = MXCSR_DEFAULT};

/* True if the OS enabled XSAVE (CPUID.1:ECX.OSXSAVE). */
static bool have_xsave(void)
{
    unsigned a, b, c, d;

    return __get_cpuid(1, &a, &b, &c, &d) && (c & bit_OSXSAVE) != 0;
}

/*
 * The guest starts as if called (rsp + 8 is 16-byte aligned) with the boot
 * info in rdi. Nothing of the tender may reach it: first the x87/SSE/AVX
 * state, where the tender's string functions (the argv wipe among them) left
 * pieces of its argv, environment and addresses, is reset: XRSTOR of
 * xstate_init or, without XSAVE, FNINIT, eight FLDZ that zero the x87
 * registers, FNINIT again, the default MXCSR and zeroed xmm registers. Then
 * the FS base, which still points at the tender's thread block (its stack
 * canary, its libc state), is cleared with arch_prctl (the sandbox allows
 * ARCH_SET_FS): no C code, which might read the canary through FS or use a
 * vector register, runs after that. Every general register is cleared too.
 * A failed arch_prctl stops at ud2 rather than start the guest with FS set.
 */
void spt_launch(uint64_t stack_top, uint64_t entry, uint64_t arg)
{
    uint64_t xsave = have_xsave();
    register uint64_t boot_info __asm__("r8") = arg;

    __asm__ volatile("mov %0, %%rsp\n\t"
                     "test %%rcx, %%rcx\n\t"
                     "jz 1f\n\t"
                     "mov %[mask], %%eax\n\t"
                     "xor %%edx, %%edx\n\t"
                     "xrstor (%%rsi)\n\t"
                     "jmp 2f\n"
                     "1:\n\t"
                     "fninit\n\t"
                     "fldz\n\tfldz\n\tfldz\n\tfldz\n\t"
                     "fldz\n\tfldz\n\tfldz\n\tfldz\n\t"
                     "fninit\n\t"
                     "ldmxcsr 24(%%rsi)\n\t"
                     "pxor %%xmm0, %%xmm0\n\tpxor %%xmm1, %%xmm1\n\t"
                     "pxor %%xmm2, %%xmm2\n\tpxor %%xmm3, %%xmm3\n\t"
                     "pxor %%xmm4, %%xmm4\n\tpxor %%xmm5, %%xmm5\n\t"
                     "pxor %%xmm6, %%xmm6\n\tpxor %%xmm7, %%xmm7\n\t"
                     "pxor %%xmm8, %%xmm8\n\tpxor %%xmm9, %%xmm9\n\t"
                     "pxor %%xmm10, %%xmm10\n\tpxor %%xmm11, %%xmm11\n\t"
                     "pxor %%xmm12, %%xmm12\n\tpxor %%xmm13, %%xmm13\n\t"
                     "pxor %%xmm14, %%xmm14\n\tpxor %%xmm15, %%xmm15\n"
                     "2:\n\t"
                     "mov $158, %%eax\n\t"    /* SYS_arch_prctl */
                     "mov $0x1002, %%edi\n\t" /* ARCH_SET_FS */
                     "xor %%esi, %%esi\n\t"
                     "syscall\n\t"
                     "test %%rax, %%rax\n\t"
                     "jz 3f\n\t"
                     "ud2\n"
                     "3:\n\t"
                     "mov %%rbx, %%rax\n\t"
                     "mov %%r8, %%rdi\n\t"
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
                     : "r"(stack_top), "b"(entry), "c"(xsave),
                       "S"(&xstate_init),
                       "r"(boot_info), [mask] "i"(XSTATE_VECTORS)
                     : "memory", "rax", "rdx", "rdi", "r11");
    __builtin_unreachable();
}
