/* Kiln hvt bindings TLS base: the %fs base is the IA32_FS_BASE MSR. */
#include "hvt.h"

solo5_result_t solo5_set_tls_base(uintptr_t base)
{
    cpu_wrmsr(MSR_IA32_FS_BASE, base);
    return SOLO5_R_OK;
}
