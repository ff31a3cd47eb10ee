/* Kiln bare-metal x86_64 internals (hvt, virtio): CPU tables, traps, TSC. */
#ifndef KILN_METAL_H
#define KILN_METAL_H

#include "bindings.h"
#include "metal_cpu_x86_64.h"

#define METAL_TRAP_VECTORS 32 /* the CPU exception vectors */
#define METAL_IDT_VECTORS 48  /* and 16 for external interrupts */

/*
 * A trap as the entry stubs leave it, lowest address first: cr2 (stored for
 * vectors that push an error code, else 0), the error code (0 if the vector
 * has none), then what the CPU pushed. 7 x u64, the hvt HALT cookie layout.
 */
struct trap_frame {
    uint64_t cr2, ec, rip, cs, rflags, rsp, ss;
};

/* ---- metal_cpu_x86_64.c */

/*
 * Loads our own GDT (null, code 0x08, data 0x10, TSS 0x18), a TSS whose IST
 * stacks the traps run on, and an IDT for the 32 exception vectors.
 */
void cpu_init(void);

/* Points external-interrupt vector (32-47) at handler, an interrupt gate. */
void cpu_set_gate(unsigned vector, uintptr_t handler);

/* ---- metal_trap_x86_64.c */

/* Called by the entry stubs: reports the trap, then ends the guest. */
void metal_trap(uint64_t vector, struct trap_frame *tf) NORETURN NO_SSP;

/* ---- metal_tsc_x86_64.c */

/* Starts the nanosecond clock from now, at freq TSC ticks per second. */
void tsc_init(uint64_t freq);

/* Nanoseconds since tsc_init. */
uint64_t tsc_ns(void);

/* ---- target hook: every bare-metal target folder defines this */

/* Ends the guest after a fatal trap (status 255); tf may be handed on. */
void platform_trap_exit(struct trap_frame *tf) NORETURN;

#endif /* KILN_METAL_H */
