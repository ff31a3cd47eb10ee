/* Kiln C runtime: the TLS block (errno and the program's __thread data). */
#include <string.h>

#include "crt.h"

int crt_tls_setup(uintptr_t *start, uintptr_t end)
{
    uintptr_t block = (*start + 63) & ~(uintptr_t)63;
    size_t size = solo5_tls_size();

    if (block < *start || block > end || end - block < size)
        return -1;
    /* solo5_tls_init wants a zeroed block; the .tbss part stays zero. */
    memset((void *)block, 0, size);
    if (solo5_tls_init(block) != SOLO5_R_OK ||
        solo5_set_tls_base(solo5_tls_tp_offset(block)) != SOLO5_R_OK)
        return -1;
    *start = (block + size + 63) & ~(uintptr_t)63;
    return 0;
}
