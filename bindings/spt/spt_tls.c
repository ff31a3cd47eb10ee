/* Kiln spt bindings TLS base: the %fs base is set by the host kernel. */
#include "bindings_spt.h"

solo5_result_t solo5_set_tls_base(uintptr_t base)
{
    return sys_arch_prctl(ARCH_SET_FS, base) == 0 ? SOLO5_R_OK : SOLO5_R_EINVAL;
}
