/* Kiln hvt bindings console: one PUTS hypercall per write. */
#include "bindings_hvt.h"

/* NO_SSP: __stack_chk_fail prints through here. */
NO_SSP void platform_puts(const char *buf, size_t len)
{
    struct hvt_hc_puts p = {.data = buf, .len = len};

    bindings_hvt_hypercall(HVT_HYPERCALL_PUTS, &p);
}
