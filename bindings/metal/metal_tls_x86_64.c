/* Kiln bare-metal x86_64 TLS base: the %fs base is the IA32_FS_BASE MSR. */
#include "metal.h"

solo5_result_t solo5_set_tls_base(uintptr_t base)
{
    cpu_wrmsr(MSR_IA32_FS_BASE, base);
    return SOLO5_R_OK;
}
