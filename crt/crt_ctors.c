/* Kiln C runtime: constructors and destructors from the init and fini arrays. */
#include "crt.h"

typedef void (*crt_fn)(void);

/* Bounds the bindings' linker scripts define around each array. */
extern crt_fn __preinit_array_start[], __preinit_array_end[];
extern crt_fn __init_array_start[], __init_array_end[];
extern crt_fn __fini_array_start[], __fini_array_end[];

void crt_run_ctors(void)
{
    for (crt_fn *f = __preinit_array_start; f < __preinit_array_end; f++)
        (*f)();
    for (crt_fn *f = __init_array_start; f < __init_array_end; f++)
        (*f)();
}

void crt_run_dtors(void)
{
    for (crt_fn *f = __fini_array_end; f > __fini_array_start; f--)
        (*(f - 1))();
}
