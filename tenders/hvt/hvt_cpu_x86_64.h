/* solo5-hvt x86_64 CPU: boot state (in KVM's types), page walk, OUT check. */
#ifndef KILN_HVT_CPU_X86_64_H
#define KILN_HVT_CPU_X86_64_H

#include <linux/kvm.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common.h"

#define HVT_X86_CR0 0x80010021ULL /* PE NE WP PG */
#define HVT_X86_CR4 0x620ULL      /* PAE OSFXSR OSXMMEXCPT */
#define HVT_X86_EFER 0x500ULL     /* LME LMA */

/* The 64-bit GDT descriptor for seg (base 0 segments only). */
uint64_t hvt_x86_gdt_entry(const struct kvm_segment *seg);

/* Sets what the vCPU holds at the guest's first instruction (spec 4.9-4.10):
 * every segment, table and control register of sr, and all of r (entry,
 * stack pointer, first argument); the rest of sr (APIC base) is kept. */
void hvt_x86_boot_state(struct kvm_sregs *sr, struct kvm_regs *r,
                        uint64_t entry, uint64_t sp, uint64_t arg);

/* The guest-physical address of linear address va under the 4-level page
 * tables at cr3, read through mem: 0, or -1 if a table is outside mem or
 * the address is not mapped. */
int hvt_x86_translate(const struct guest_mem *mem, uint64_t cr3, uint64_t va,
                      uint64_t *gpa);

/* True if the n bytes at insn start an OUT of EAX to a port (EF, or E7 and
 * its port byte) after prefixes other than 66 (operand size) and F0. */
bool hvt_x86_is_out_eax(const uint8_t *insn, size_t n);

/* True if the instruction at linear address rip (64-bit mode, page tables
 * at cr3, read through mem) is an OUT of EAX; false if it is another (a
 * string OUT, say) or cannot be read. */
bool hvt_x86_out_eax_at(const struct guest_mem *mem, uint64_t cr3,
                        uint64_t rip);

#endif /* KILN_HVT_CPU_X86_64_H */
