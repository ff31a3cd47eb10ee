/* solo5-hvt vCPU state and guest debugging, for gdb and dumpcore. */
/* Defined in hvt_module_vcpu_<backend>_<arch>.c, in the kit's libmodules.a,
 * so a tender without those modules links none of it. */
#ifndef KILN_HVT_MODULE_VCPU_H
#define KILN_HVT_MODULE_VCPU_H

#include "hvt.h"

struct hvt_cpu_state; /* hvt_module_vcpu_<arch>.h */

/* The vCPU's registers into s, and back from s (at a debug stop). */
void hvt_vcpu_state_get(struct hvt *h, struct hvt_cpu_state *s);
void hvt_vcpu_state_set(struct hvt *h, const struct hvt_cpu_state *s);

/* Arms the vCPU for its next run: one instruction if step, the debug
 * registers addr[0..3] under control ctl (0: none); exits 1 if refused. */
void hvt_vcpu_debug(struct hvt *h, bool step, const uint64_t addr[4],
                    uint64_t ctl);

/* Adds to sb the vCPU calls the three above make. */
void hvt_vm_debug_sandbox(const struct hvt *h, struct sandbox *sb);

/* Adds to sb the vCPU calls hvt_vcpu_state_get makes (and no more). */
void hvt_vm_state_sandbox(const struct hvt *h, struct sandbox *sb);

#endif /* KILN_HVT_MODULE_VCPU_H */
