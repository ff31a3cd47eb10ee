/* solo5-hvt x86_64 vCPU state, as hvt_module_vcpu.h reads and writes it. */
#ifndef KILN_HVT_MODULE_VCPU_X86_64_H
#define KILN_HVT_MODULE_VCPU_X86_64_H

#include <stdint.h>

#include "hvt_module_vcpu.h"

/* The vCPU's registers as a debugger sees them (hypervisor-neutral); the
 * backend reads and writes them at a debug stop (hvt_vcpu_state_get). */
struct hvt_cpu_state {
    uint64_t gpr[16]; /* rax rbx rcx rdx rsi rdi rbp rsp r8-r15 */
    uint64_t rip, rflags;
    uint64_t cr3;    /* read only: for address translation */
    uint16_t seg[6]; /* selectors of cs ss ds es fs gs, read only */
    uint64_t fs_base, gs_base;
    uint8_t st[8][10]; /* st0-st7, 80 bits each */
    uint16_t fcw, fsw, fop;
    uint8_t ftw;       /* abridged tag: bit i, physical register i used */
    uint64_t fip, fdp; /* last instruction and operand pointers */
    uint8_t xmm[16][16];
    uint32_t mxcsr;
};

#endif /* KILN_HVT_MODULE_VCPU_X86_64_H */
