/* Kiln stub bindings: every Solo5 call exists and fails, so a program links. */
#include "solo5.h"

/*
 * The stub ABI is what the toolchain links when no -z solo5-abi= is given:
 * configure scripts (autoconf, CMake, Meson) check that a trivial program,
 * with main or solo5_app_main, links. The result runs nowhere: it carries
 * no ABI note, so every tender refuses it, and _start only stops the CPU.
 */

void _start(void) __attribute__((noreturn));

void _start(void)
{
    for (;;)
        __asm__ volatile("ud2");
}

void solo5_exit(int status)
{
    (void)status;
    _start();
}

void solo5_abort(void)
{
    _start();
}

size_t solo5_tls_size(void)
{
    return 0;
}

uintptr_t solo5_tls_tp_offset(uintptr_t tls)
{
    return tls;
}

solo5_result_t solo5_tls_init(uintptr_t tls)
{
    (void)tls;
    return SOLO5_R_EUNSPEC;
}

solo5_result_t solo5_set_tls_base(uintptr_t base)
{
    (void)base;
    return SOLO5_R_EUNSPEC;
}

solo5_time_t solo5_clock_monotonic(void)
{
    return 0;
}

solo5_time_t solo5_clock_wall(void)
{
    return 0;
}

void solo5_yield(solo5_time_t deadline, solo5_handle_set_t *ready_set)
{
    (void)deadline;
    if (ready_set != NULL)
        *ready_set = 0;
}

void solo5_console_write(const char *buf, size_t size)
{
    (void)buf;
    (void)size;
}

solo5_result_t solo5_net_acquire(const char *name, solo5_handle_t *handle,
                                 struct solo5_net_info *info)
{
    (void)name;
    (void)handle;
    (void)info;
    return SOLO5_R_EUNSPEC;
}

solo5_result_t solo5_net_write(solo5_handle_t handle, const uint8_t *buf,
                               size_t size)
{
    (void)handle;
    (void)buf;
    (void)size;
    return SOLO5_R_EUNSPEC;
}

solo5_result_t solo5_net_read(solo5_handle_t handle, uint8_t *buf, size_t size,
                              size_t *read_size)
{
    (void)handle;
    (void)buf;
    (void)size;
    (void)read_size;
    return SOLO5_R_EUNSPEC;
}

solo5_result_t solo5_block_acquire(const char *name, solo5_handle_t *handle,
                                   struct solo5_block_info *info)
{
    (void)name;
    (void)handle;
    (void)info;
    return SOLO5_R_EUNSPEC;
}

solo5_result_t solo5_block_write(solo5_handle_t handle, solo5_off_t offset,
                                 const uint8_t *buf, size_t size)
{
    (void)handle;
    (void)offset;
    (void)buf;
    (void)size;
    return SOLO5_R_EUNSPEC;
}

solo5_result_t solo5_block_read(solo5_handle_t handle, solo5_off_t offset,
                                uint8_t *buf, size_t size)
{
    (void)handle;
    (void)offset;
    (void)buf;
    (void)size;
    return SOLO5_R_EUNSPEC;
}

solo5_result_t solo5_block_max_request(solo5_handle_t handle, size_t *size)
{
    (void)handle;
    (void)size;
    return SOLO5_R_EUNSPEC;
}

solo5_result_t solo5_block_flush(solo5_handle_t handle)
{
    (void)handle;
    return SOLO5_R_EUNSPEC;
}

/* -fstack-protector-strong code refers to these, as in every target. */
uintptr_t __stack_chk_guard = 0x00f2c0dedead0a00ULL;

void __stack_chk_fail(void) __attribute__((noreturn));

void __stack_chk_fail(void)
{
    _start();
}
