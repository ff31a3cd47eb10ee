/* Kiln bindings TLS: variant II blocks laid out from linker symbols. */
#include "bindings.h"

/*
 * Linker-script symbols: _stdata is where the .tdata template starts;
 * the values (addresses) of _ltdata and _ltbss are the sizes of .tdata
 * (page padded) and .tbss.
 */
extern const char _stdata[], _ltdata[], _ltbss[];

#define LTDATA ((uintptr_t)_ltdata)
#define LTBSS ((uintptr_t)_ltbss)

size_t solo5_tls_size(void)
{
    /* The data, then one pointer-sized TCB slot the thread pointer aims at. */
    return LTDATA + LTBSS + sizeof(uintptr_t);
}

uintptr_t solo5_tls_tp_offset(uintptr_t tls)
{
    return tls + LTDATA + LTBSS;
}

solo5_result_t solo5_tls_init(uintptr_t tls)
{
    uintptr_t tp;

    if (tls == 0)
        return SOLO5_R_EINVAL;
    /* %fs:0 must hold the thread pointer itself (x86_64 TLS ABI). */
    tp = solo5_tls_tp_offset(tls);
    *(uintptr_t *)tp = tp;
    memcpy((void *)tls, _stdata, LTDATA);
    return SOLO5_R_OK;
}
