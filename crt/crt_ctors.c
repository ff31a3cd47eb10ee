/* Kiln C runtime: constructors, from the preinit and init arrays. */
#include "crt.h"

typedef void (*crt_fn)(void);

/*
 * Bounds the bindings' linker scripts define around each array. The fini
 * array (destructors, and picolibc's atexit handlers in .fini_array_onexit)
 * is picolibc's exit()'s to run.
 */
extern crt_fn __preinit_array_start[], __preinit_array_end[];
extern crt_fn __init_array_start[], __init_array_end[];

void crt_run_ctors(void)
{
    for (crt_fn *f = __preinit_array_start; f < __preinit_array_end; f++)
        (*f)();
    for (crt_fn *f = __init_array_start; f < __init_array_end; f++)
        (*f)();
}
