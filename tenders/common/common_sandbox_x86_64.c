/* Seccomp on x86_64: the audit architecture and the x32 syscall bit. */
#include "common.h"

#include <linux/audit.h>

const uint32_t sandbox_audit_arch = AUDIT_ARCH_X86_64;

/* x32 calls are x86_64 numbers with bit 30 set: refuse them all. */
const uint32_t sandbox_nr_limit = 0x40000000U;
