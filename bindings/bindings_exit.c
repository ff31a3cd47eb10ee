/* Kiln bindings termination: solo5_exit, solo5_abort and internal panics. */
#include "bindings.h"

void solo5_exit(int status)
{
    log_printf(LOG_INFO, "Solo5: solo5_exit(%d) called\n", status);
    platform_exit(status);
}

void solo5_abort(void)
{
    log_printf(LOG_INFO, "Solo5: solo5_abort() called\n");
    platform_abort();
}

static void panic_vprint(const char *file, int line, const char *fmt,
                         va_list ap)
{
    char msg[LOG_BUFFER_SIZE];

    fmt_vsnprintf(msg, sizeof msg, fmt, ap);
    /* ERROR is never filtered, so this prints even with --solo5:quiet. */
    log_printf(LOG_ERROR, "Solo5: ABORT: %s:%d: %s\n", file, line, msg);
}

void panic_print_at(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    panic_vprint(file, line, fmt, ap);
    va_end(ap);
}

void panic_at(const char *file, int line, const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    panic_vprint(file, line, fmt, ap);
    va_end(ap);
    platform_abort();
}
