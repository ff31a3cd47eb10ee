/* Unit tests of the guest bindings: formatter, log levels, cmdline parsing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The shared bindings files are plain C: build them into this test. */
#include "../../bindings/bindings_cmdline.c"
#include "../../bindings/bindings_log.c"

/* The console the bindings write to, as the platform hook sees it. */
static char console[1024];
static size_t console_len;

void platform_puts(const char *buf, size_t len)
{
    assert_true(console_len + len <= sizeof console);
    memcpy(console + console_len, buf, len);
    console_len += len;
}

void platform_exit(int status)
{
    fail_msg("platform_exit(%d)", status);
    abort();
}

void platform_abort(void)
{
    fail_msg("platform_abort");
    abort();
}

static const char *fmt(const char *f, ...)
{
    static char buf[128];
    va_list ap;

    va_start(ap, f);
    fmt_vsnprintf(buf, sizeof buf, f, ap);
    va_end(ap);
    return buf;
}

static size_t fmt_len(char *buf, size_t size, const char *f, ...)
{
    va_list ap;
    size_t n;

    va_start(ap, f);
    n = fmt_vsnprintf(buf, size, f, ap);
    va_end(ap);
    return n;
}

static void test_fmt_integers(void **state)
{
    (void)state;
    assert_string_equal(fmt("%d %i %u", -42, 7, 42U), "-42 7 42");
    assert_string_equal(fmt("%d", INT_MIN), "-2147483648");
    assert_string_equal(fmt("%lld", (long long)INT64_MIN),
                        "-9223372036854775808");
    assert_string_equal(fmt("%llu", (unsigned long long)UINT64_MAX),
                        "18446744073709551615");
    assert_string_equal(fmt("%x %X %lx", 0xbeefU, 0xbeefU, 0x1234abcdUL),
                        "beef BEEF 1234abcd");
    assert_string_equal(fmt("%zu %hhu %hd", (size_t)5, 300, 70000),
                        "5 44 4464");
    assert_string_equal(fmt("%p", (void *)0x1000), "0x1000");
}

static void test_fmt_fields(void **state)
{
    (void)state;
    assert_string_equal(fmt("[%5d][%-5d][%05d]", 42, 42, -42),
                        "[   42][42   ][-0042]");
    assert_string_equal(fmt("[%*x][%08lx]", 6, 0xffU, 0x100000UL),
                        "[    ff][00100000]");
    assert_string_equal(fmt("[%10s][%-4s][%.3s]", "text", "ab", "abcdef"),
                        "[      text][ab  ][abc]");
    assert_string_equal(fmt("[%05s]", "ab"), "[   ab]");
}

static void test_fmt_misc(void **state)
{
    (void)state;
    assert_string_equal(fmt("%s|%c|%%|100%%", (char *)NULL, 'k'),
                        "(null)|k|%|100%");
    assert_string_equal(fmt("%q"), "%q");
    assert_string_equal(fmt("tail %"), "tail ");
}

static void test_fmt_truncates(void **state)
{
    char buf[8];

    (void)state;
    memset(buf, 'X', sizeof buf);
    assert_int_equal(fmt_len(buf, sizeof buf, "%s", "0123456789"), 10);
    assert_string_equal(buf, "0123456");
    memset(buf, 'X', sizeof buf);
    assert_int_equal(fmt_len(buf, 0, "%d", 12345), 5);
    assert_int_equal(buf[0], 'X');
}

static void console_reset(void)
{
    console_len = 0;
    log_set_level(LOG_INFO);
}

static void test_log_truncated(void **state)
{
    char long_msg[400];

    (void)state;
    console_reset();
    memset(long_msg, 'a', sizeof long_msg - 1);
    long_msg[sizeof long_msg - 1] = '\0';
    log_printf(LOG_INFO, "%s", long_msg);
    assert_int_equal(console_len, LOG_BUFFER_SIZE - 1);
    assert_memory_equal(console + console_len - 12, "(truncated)\n", 12);
    assert_int_equal(console[console_len - 13], 'a');
}

static void test_log_fits(void **state)
{
    char msg[LOG_BUFFER_SIZE];

    (void)state;
    console_reset();
    memset(msg, 'b', sizeof msg - 1);
    msg[sizeof msg - 1] = '\0';
    log_printf(LOG_INFO, "%s", msg);
    assert_int_equal(console_len, LOG_BUFFER_SIZE - 1);
    assert_int_equal(console[console_len - 1], 'b');
}

static void test_log_levels(void **state)
{
    (void)state;
    console_reset();
    log_set_level(LOG_WARN);
    log_printf(LOG_INFO, "info\n");
    log_printf(LOG_DEBUG, "debug\n");
    log_printf(LOG_WARN, "warn\n");
    log_printf(LOG_ERROR, "error\n");
    assert_int_equal(console_len, 11);
    assert_memory_equal(console, "warn\nerror\n", 11);
    log_set_level(LOG_DEBUG);
    log_printf(LOG_DEBUG, "d");
    assert_int_equal(console_len, 12);
}

/* Parses cmdline; checks the rest and the level (-1: level untouched). */
static void check_cmdline(const char *cmdline, const char *rest, int level)
{
    enum log_level l = (enum log_level) - 1;

    assert_string_equal(cmdline_parse(cmdline, &l), rest);
    assert_int_equal((int)l, level);
}

static void test_cmdline(void **state)
{
    (void)state;
    check_cmdline("", "", -1);
    check_cmdline("Hello_Solo5", "Hello_Solo5", -1);
    check_cmdline("  a b ", "a b ", -1);
    check_cmdline("--solo5:quiet", "", LOG_ERROR);
    check_cmdline("--solo5:error x", "x", LOG_ERROR);
    check_cmdline("--solo5:warn\tx", "x", LOG_WARN);
    check_cmdline(" --solo5:info  x y", "x y", LOG_INFO);
    check_cmdline("--solo5:debug --solo5:quiet x", "x", LOG_ERROR);
    check_cmdline("--solo5:quiet --solo5:debug", "", LOG_DEBUG);
    check_cmdline("x --solo5:quiet", "x --solo5:quiet", -1);
    check_cmdline("--solo5 x", "--solo5 x", -1);
    check_cmdline("--solo5quiet x", "--solo5quiet x", -1);
}

/* A misspelt option ends the options, stays in the rest and prints nothing. */
static void test_cmdline_misspelt(void **state)
{
    (void)state;
    console_reset();
    check_cmdline("--solo5:quietly x", "--solo5:quietly x", -1);
    check_cmdline("--solo5:QUIET", "--solo5:QUIET", -1);
    check_cmdline("--solo5:", "--solo5:", -1);
    check_cmdline(" --solo5:debug\t--solo5:b --solo5:quiet c",
                  "--solo5:b --solo5:quiet c", LOG_DEBUG);
    check_cmdline("--solo5:warn --solo5:quiet-x", "--solo5:quiet-x", LOG_WARN);
    assert_int_equal(console_len, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fmt_integers),
        cmocka_unit_test(test_fmt_fields),
        cmocka_unit_test(test_fmt_misc),
        cmocka_unit_test(test_fmt_truncates),
        cmocka_unit_test(test_log_truncated),
        cmocka_unit_test(test_log_fits),
        cmocka_unit_test(test_log_levels),
        cmocka_unit_test(test_cmdline),
        cmocka_unit_test(test_cmdline_misspelt),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
