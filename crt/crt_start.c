/* Kiln C runtime: TLS, heap and constructors before the application. */
#include <stdlib.h>

#include "crt.h"

/*
 * The toolchain links the C runtime with --wrap=solo5_app_main: the bindings
 * call this, and __real_solo5_app_main is the application's own entry, or
 * crt_main.c's, which calls main(argc, argv).
 */
int __real_solo5_app_main(const struct solo5_start_info *si);
int __wrap_solo5_app_main(const struct solo5_start_info *si);

static void die(const char *msg, size_t len)
{
    solo5_console_write(msg, len);
    solo5_abort();
}

int __wrap_solo5_app_main(const struct solo5_start_info *si)
{
    static const char no_mem[] =
        "libc: not enough memory for TLS and the heap\n";
    uintptr_t start = si->heap_start;
    uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
    uintptr_t end = si->heap_start + si->heap_size;

    /* The stack grows down from the top of the heap region: keep it clear. */
    if (sp > start && sp - start > CRT_STACK_RESERVE)
        end = sp - CRT_STACK_RESERVE;
    if (crt_tls_setup(&start, end) != 0)
        die(no_mem, sizeof no_mem - 1);
    crt_heap_setup(start, end);
    crt_run_ctors();
    exit(__real_solo5_app_main(si));
}
