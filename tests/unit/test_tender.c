/* Unit tests of tender helpers: escaping, cmdline, file opening, attaching. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common.h"
#include "common_dev.h"

static void expect_escape(const char *in, size_t size, const char *want)
{
    char buf[TENDER_ESCAPED_NAME_SIZE + 8];

    memset(buf, 'Z', sizeof buf);
    assert_ptr_equal(tender_escape(in, buf, size), buf);
    assert_string_equal(buf, want);
    /* Nothing is written past size. */
    for (size_t i = size; i < sizeof buf; i++)
        assert_int_equal(buf[i], 'Z');
}

static void test_escape(void **state)
{
    char name[MFT_NAME_SIZE], want[TENDER_ESCAPED_NAME_SIZE];

    (void)state;
    expect_escape("storage0", 64, "storage0");
    expect_escape("\x1b[31mred", 64, "\\x1b[31mred");
    expect_escape("a\\b", 64, "a\\x5cb");
    expect_escape("\x7f\x80\xff\t\n", 64, "\\x7f\\x80\\xff\\x09\\x0a");
    expect_escape("", 64, "");
    /* Truncation keeps whole escapes only, and always ends the string. */
    expect_escape("abc", 3, "ab");
    expect_escape("a\x1b", 4, "a");
    expect_escape("a\x1b", 6, "a\\x1b");
    expect_escape("abc", 1, "");
    /* The largest name fits the documented room. */
    memset(name, 0x1b, MFT_NAME_MAX);
    name[MFT_NAME_MAX] = '\0';
    for (unsigned i = 0; i < MFT_NAME_MAX; i++)
        memcpy(want + 4 * i, "\\x1b", 4);
    want[4 * MFT_NAME_MAX] = '\0';
    expect_escape(name, TENDER_ESCAPED_NAME_SIZE, want);
}

/* ARGS joined with one space each, into exactly size bytes or refused; nothing
 * is written past size. */
static void test_cmdline_join(void **state)
{
    static const struct {
        int argc;
        const char *argv[3];
        size_t size;
        const char *want; /* NULL: refused */
    } cases[] = {
        {0, {NULL}, 1, ""},
        {1, {"abc"}, 4, "abc"},
        {1, {"abcd"}, 4, NULL},
        {2, {"a", "b"}, 4, "a b"},
        {2, {"ab", "c"}, 4, NULL}, /* the space is what does not fit */
        {2, {"ab", ""}, 4, "ab "},
        {3, {"", "", ""}, 3, "  "},
        {3, {"x", "y", "z"}, 64, "x y z"},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[80];

        memset(buf, 'Z', sizeof buf);
        assert_int_equal(cmdline_join(buf, cases[i].size, cases[i].argc,
                                      (char *const *)cases[i].argv),
                         cases[i].want != NULL ? 0 : -1);
        if (cases[i].want != NULL)
            assert_string_equal(buf, cases[i].want);
        for (size_t j = cases[i].size; j < sizeof buf; j++)
            assert_int_equal(buf[j], 'Z');
    }
}

/* Paths and option values as errors print them: one line, whatever they hold.
 */
static void test_escape_paths(void **state)
{
    static const struct {
        const char *in, *want;
    } cases[] = {
        {"/tmp/k.spt", "/tmp/k.spt"},
        {"/tmp/a\nb.spt", "/tmp/a\\x0ab.spt"},
        {"/tmp/\x1b]0;title\x07.spt", "/tmp/\\x1b]0;title\\x07.spt"},
        {"--block:storage=/tmp/d\r\nx", "--block:storage=/tmp/d\\x0d\\x0ax"},
        {"--net:service0=tap\x1b[2J", "--net:service0=tap\\x1b[2J"},
        {"'quoted' and spaces", "'quoted' and spaces"},
        {"C:\\dir", "C:\\x5cdir"},
        {"caf\xc3\xa9", "caf\\xc3\\xa9"},
    };
    static char path[4097], want[TENDER_ESCAPED_SIZE], buf[TENDER_ESCAPED_SIZE];

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        tender_escape(cases[i].in, buf, sizeof buf);
        assert_string_equal(buf, cases[i].want);
        assert_null(strchr(buf, '\n'));
    }
    /* A path of 4096 newlines fits TENDER_ESCAPED_SIZE whole. */
    memset(path, '\n', 4096);
    for (unsigned i = 0; i < 4096; i++)
        memcpy(want + 4 * i, "\\x0a", 4);
    want[4 * 4096] = '\0';
    assert_string_equal(tender_escape(path, buf, sizeof buf), want);
}

static void expect_refused(const char *path, int flags, bool blk,
                           const char *why)
{
    struct kiln_err e = {""};

    assert_int_equal(file_open(path, flags, blk, &e), -1);
    assert_string_equal(e.msg, why);
}

static void test_file_open(void **state)
{
    char dir[] = "/tmp/kiln-test-XXXXXX", path[64];
    struct kiln_err e;
    int fd, fl;

    (void)state;
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/fifo", dir);
    assert_int_equal(mkfifo(path, 0600), 0);
    expect_refused(path, O_RDONLY, false, "is a FIFO");
    expect_refused(path, O_RDWR, true, "is a FIFO");
    unlink(path);
    expect_refused(dir, O_RDONLY, false, "is a directory");
    expect_refused("/dev/null", O_RDONLY, false, "not a regular file");
    expect_refused("/dev/null", O_RDWR, true,
                   "not a regular file or block device");
    snprintf(path, sizeof path, "%s/none", dir);
    expect_refused(path, O_RDONLY, false, "No such file or directory");
    /* A regular file opens blocking and close-on-exec. */
    snprintf(path, sizeof path, "%s/file", dir);
    fd = open(path, O_CREAT | O_WRONLY, 0600);
    assert_true(fd >= 0);
    close(fd);
    fd = file_open(path, O_RDWR, false, &e);
    assert_true(fd >= 0);
    fl = fcntl(fd, F_GETFL);
    assert_int_equal(fl & O_NONBLOCK, 0);
    assert_int_equal(fl & O_ACCMODE, O_RDWR);
    assert_true(fcntl(fd, F_GETFD) & FD_CLOEXEC);
    close(fd);
    unlink(path);
    rmdir(dir);
}

/* Every device type has its module, and nothing else has one. */
static void test_device_modules(void **state)
{
    static const struct {
        mft_type_t type;
        const char *module;
    } cases[] = {
        {MFT_DEV_BLOCK_BASIC, "block"},
        {MFT_DEV_NET_BASIC, "net"},
        {0, NULL},
        {3, NULL},
        {MFT_RESERVED_FIRST, NULL},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const struct mft_device_type *d = mft_device_type(cases[i].type);
        if (cases[i].module == NULL)
            assert_null(d);
        else
            assert_string_equal(d->module, cases[i].module);
    }
}

/* A guest handle names an attached device of the asked type, or nothing,
 * whatever its value. */
static void test_dev_attached(void **state)
{
    static struct tender t;
    struct mft *m = mft_of(&t.mft_store);

    (void)state;
    t.mft = m;
    m->entries = 4;
    m->e[0].type = MFT_RESERVED_FIRST;
    m->e[1].type = MFT_DEV_BLOCK_BASIC;
    m->e[2].type = MFT_DEV_NET_BASIC;
    m->e[3].type = MFT_DEV_NET_BASIC; /* declared, not attached */
    m->e[1].attached = m->e[2].attached = true;
    assert_ptr_equal(dev_attached(&t, 1, MFT_DEV_BLOCK_BASIC), &m->e[1]);
    assert_ptr_equal(dev_attached(&t, 2, MFT_DEV_NET_BASIC), &m->e[2]);
    assert_null(dev_attached(&t, 1, MFT_DEV_NET_BASIC));
    assert_null(dev_attached(&t, 2, MFT_DEV_BLOCK_BASIC));
    assert_null(dev_attached(&t, 0, MFT_DEV_BLOCK_BASIC));
    assert_null(dev_attached(&t, 3, MFT_DEV_NET_BASIC));
    assert_null(dev_attached(&t, 4, MFT_DEV_NET_BASIC));
    assert_null(dev_attached(&t, 64, MFT_DEV_NET_BASIC));
    assert_null(dev_attached(&t, (1ULL << 32) + 1, MFT_DEV_BLOCK_BASIC));
    assert_null(dev_attached(&t, ~0ULL, MFT_DEV_NET_BASIC));
}

/* What tender_check_attached prints on stderr (into out) and its exit
 * status, run in a child: -1 if it returned. */
static int check_attached(const struct tender *t, char *out, size_t size)
{
    int p[2], status;
    ssize_t n;
    pid_t pid;

    assert_int_equal(pipe(p), 0);
    pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        dup2(p[1], 2);
        tender_check_attached(t);
        _exit(255);
    }
    close(p[1]);
    /* stderr is unbuffered: each part of the line is a write of its own. */
    for (size_t len = 0;; len += (size_t)n) {
        n = read(p[0], out + len, size - 1 - len);
        if (n <= 0) {
            out[len] = '\0';
            break;
        }
    }
    close(p[0]);
    assert_int_equal(waitpid(pid, &status, 0), pid);
    return WEXITSTATUS(status) == 255 ? -1 : WEXITSTATUS(status);
}

/* Every unattached device is named, on one line, and the tender exits 1;
 * entries of reserved types are no devices, undefined types below them
 * are. */
static void test_check_attached(void **state)
{
    static const struct tender_desc desc = {.prog = "solo5-test"};
    static struct tender t = {.desc = &desc};
    struct mft *m = mft_of(&t.mft_store);
    char out[1024];

    (void)state;
    t.mft = m;
    m->entries = 4;
    m->e[0].type = MFT_RESERVED_FIRST;
    m->e[1].type = MFT_DEV_BLOCK_BASIC;
    m->e[2].type = MFT_DEV_NET_BASIC;
    m->e[3].type = MFT_RESERVED_FIRST + 5; /* not a device: ignored */
    strcpy(m->e[1].name, "d1");
    strcpy(m->e[2].name, "d\x1b");
    assert_int_equal(check_attached(&t, out, sizeof out), 1);
    assert_string_equal(
        out, "solo5-test: Device 'd1' of type BLOCK_BASIC declared but not "
             "attached. Device 'd\\x1b' of type NET_BASIC declared but not "
             "attached. All declared devices must be attached. See --help "
             "for syntax.\n");
    m->e[1].attached = true;
    assert_int_equal(check_attached(&t, out, sizeof out), 1);
    assert_string_equal(out, "solo5-test: Device 'd\\x1b' of type NET_BASIC "
                             "declared but not attached. All declared devices "
                             "must be attached. See --help for syntax.\n");
    m->e[2].attached = true;
    assert_int_equal(check_attached(&t, out, sizeof out), -1);
    assert_string_equal(out, "");
    m->e[1].attached = false;
    m->e[1].type = 99; /* undefined types below the reserved range count */
    assert_int_equal(check_attached(&t, out, sizeof out), 1);
    assert_string_equal(out, "solo5-test: Device 'd1' of type <undefined "
                             "type> declared but not attached. All declared "
                             "devices must be attached. See --help for "
                             "syntax.\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_escape),
        cmocka_unit_test(test_escape_paths),
        cmocka_unit_test(test_cmdline_join),
        cmocka_unit_test(test_file_open),
        cmocka_unit_test(test_device_modules),
        cmocka_unit_test(test_dev_attached),
        cmocka_unit_test(test_check_attached),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
