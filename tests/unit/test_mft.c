/* Unit tests of manifest validation (each rule of 2.4) and lookups. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common_module.h"

#define PREFIX "Solo5 manifest is invalid: "

/* A zeroed manifest of n entries: the reserved entry, then devices d1..dn-1. */
static struct mft *mft_new(uint32_t n)
{
    struct mft *m = calloc(1, MFT_SIZE(n < 1 ? 1 : n));

    assert_non_null(m);
    m->version = MFT_VERSION;
    m->entries = n;
    if (n > 0)
        m->e[0].type = MFT_RESERVED_FIRST;
    for (uint32_t i = 1; i < n; i++) {
        snprintf(m->e[i].name, MFT_NAME_SIZE, "d%u", i);
        m->e[i].type = i % 2 ? MFT_DEV_BLOCK_BASIC : MFT_DEV_NET_BASIC;
    }
    return m;
}

static void expect_valid(const struct mft *m, size_t size)
{
    struct kiln_err err = {""};

    if (mft_validate(m, size, &err) != 0)
        fail_msg("rejected: %s", err.msg);
}

static void expect_invalid(const struct mft *m, size_t size, const char *why)
{
    struct kiln_err err = {""};

    assert_int_equal(mft_validate(m, size, &err), -1);
    assert_memory_equal(err.msg, PREFIX, strlen(PREFIX));
    assert_string_equal(err.msg + strlen(PREFIX), why);
}

static void test_validate_ok(void **state)
{
    struct mft *m;

    (void)state;
    for (uint32_t n = 1; n <= MFT_MAX_ENTRIES; n++) {
        m = mft_new(n);
        expect_valid(m, MFT_SIZE(n));
        free(m);
    }
}

/* What 2.4 says is not checked must not be rejected. */
static void test_validate_unchecked(void **state)
{
    struct mft *m = mft_new(4);

    (void)state;
    m->e[1].type = 99;                      /* undefined type */
    strcpy(m->e[2].name, "not-alnum name"); /* any characters */
    strcpy(m->e[3].name, m->e[2].name);     /* duplicate */
    m->e[3].u.block_basic.capacity = 1;     /* u and b contents */
    m->e[3].b.hostfd = 7;
    memset(m->e[1].name, 'x', MFT_NAME_MAX); /* 67 characters */
    expect_valid(m, MFT_SIZE(4));
    free(m);
}

/* Rule 1: size >= 8, version 1, entries <= 64. */
static void test_validate_header(void **state)
{
    struct mft *m = mft_new(2);

    (void)state;
    expect_invalid(m, 0, "0 bytes is too short for a header");
    expect_invalid(m, 7, "7 bytes is too short for a header");
    m->version = 2;
    expect_invalid(m, MFT_SIZE(2), "version 2, expected 1");
    m->version = 0;
    expect_invalid(m, MFT_SIZE(2), "version 0, expected 1");
    m->version = MFT_VERSION;
    m->entries = MFT_MAX_ENTRIES + 1;
    expect_invalid(m, MFT_SIZE(2), "65 entries, maximum 64");
    m->entries = 0xffffffff; /* MFT_SIZE would wrap: must not get that far */
    expect_invalid(m, MFT_SIZE(2), "4294967295 entries, maximum 64");
    free(m);
}

/* Rule 2: the size matches the entry count exactly. */
static void test_validate_size(void **state)
{
    struct mft *m = mft_new(3);

    (void)state;
    expect_invalid(m, MFT_SIZE(3) - 1, "size 319 does not match 3 entries");
    expect_invalid(m, MFT_SIZE(2), "size 216 does not match 3 entries");
    m->entries = 2;
    expect_invalid(m, MFT_SIZE(3), "size 320 does not match 2 entries");
    free(m);
}

/* Rule 3: at least one entry, and entry 0 is the nameless reserved entry. */
static void test_validate_reserved(void **state)
{
    struct mft *m = mft_new(2);

    (void)state;
    m->entries = 0;
    expect_invalid(m, MFT_SIZE(0), "no entries");
    m->entries = 2;
    m->e[0].type = MFT_DEV_BLOCK_BASIC;
    expect_invalid(m, MFT_SIZE(2), "entry 0 has type 0x1, expected 0x40000000");
    m->e[0].type = MFT_RESERVED_FIRST + 1;
    expect_invalid(m, MFT_SIZE(2),
                   "entry 0 has type 0x40000001, expected 0x40000000");
    m->e[0].type = MFT_RESERVED_FIRST;
    m->e[0].name[0] = 'a';
    expect_invalid(m, MFT_SIZE(2), "entry 0 has a name");
    free(m);
}

/* Rule 4: every name NUL-terminated in its field, nothing attached. */
static void test_validate_entries(void **state)
{
    struct mft *m = mft_new(3);

    (void)state;
    m->e[2].name[MFT_NAME_MAX] = 'x';
    expect_invalid(m, MFT_SIZE(3), "entry 2 name is not NUL-terminated");
    m->e[2].name[MFT_NAME_MAX] = '\0';
    m->e[0].name[MFT_NAME_MAX] = 'x'; /* name[0] is still 0 */
    expect_invalid(m, MFT_SIZE(3), "entry 0 name is not NUL-terminated");
    m->e[0].name[MFT_NAME_MAX] = '\0';
    m->e[1].attached = true;
    expect_invalid(m, MFT_SIZE(3), "entry 1 is marked attached");
    memset(&m->e[1].attached, 0x72, 1); /* not a valid bool: still a byte */
    expect_invalid(m, MFT_SIZE(3), "entry 1 is marked attached");
    m->e[1].attached = false;
    m->e[0].attached = true;
    expect_invalid(m, MFT_SIZE(3), "entry 0 is marked attached");
    free(m);
}

static void test_get_by_name(void **state)
{
    struct mft *m = mft_new(4);
    unsigned idx = 99;

    (void)state;
    strcpy(m->e[3].name, "d1"); /* a duplicate of entry 1's name */
    assert_ptr_equal(mft_get_by_name(m, "d2", MFT_DEV_NET_BASIC, &idx),
                     &m->e[2]);
    assert_int_equal(idx, 2);
    assert_ptr_equal(mft_get_by_name(m, "d1", MFT_DEV_BLOCK_BASIC, &idx),
                     &m->e[1]); /* the first match wins */
    assert_int_equal(idx, 1);
    idx = 99;
    assert_null(mft_get_by_name(m, "d2", MFT_DEV_BLOCK_BASIC, &idx));
    assert_null(mft_get_by_name(m, "d4", MFT_DEV_BLOCK_BASIC, &idx));
    assert_null(mft_get_by_name(m, "d", MFT_DEV_BLOCK_BASIC, &idx));
    assert_null(mft_get_by_name(m, "d22", MFT_DEV_NET_BASIC, &idx));
    assert_int_equal(idx, 99); /* untouched when not found */
    assert_non_null(mft_get_by_name(m, "d2", MFT_DEV_NET_BASIC, NULL));
    free(m);
}

/* Names compare over the whole 68-byte field, no further. */
static void test_get_by_name_long(void **state)
{
    struct mft *m = mft_new(2);
    char name[MFT_NAME_SIZE + 1];

    (void)state;
    memset(name, 'n', sizeof name);
    name[MFT_NAME_MAX] = '\0';
    memcpy(m->e[1].name, name, MFT_NAME_SIZE);
    assert_ptr_equal(mft_get_by_name(m, name, MFT_DEV_BLOCK_BASIC, NULL),
                     &m->e[1]);
    name[MFT_NAME_MAX] = 'n';
    name[MFT_NAME_SIZE] = '\0'; /* 68 characters: one more than fits */
    assert_null(mft_get_by_name(m, name, MFT_DEV_BLOCK_BASIC, NULL));
    free(m);
}

static void test_type_to_string(void **state)
{
    (void)state;
    assert_string_equal(mft_type_to_string(MFT_DEV_BLOCK_BASIC), "BLOCK_BASIC");
    assert_string_equal(mft_type_to_string(MFT_DEV_NET_BASIC), "NET_BASIC");
    assert_string_equal(mft_type_to_string(0), "<undefined type>");
    assert_string_equal(mft_type_to_string(3), "<undefined type>");
    assert_string_equal(mft_type_to_string(MFT_RESERVED_FIRST),
                        "<undefined type>");
}

/* The table keeps the Solo5 contract's binary values, and its rows are
 * what every lookup finds, both ways. */
static void test_device_types(void **state)
{
    unsigned n = 0;

    (void)state;
    assert_int_equal(MFT_DEV_BLOCK_BASIC, 1);
    assert_int_equal(MFT_DEV_NET_BASIC, 2);
    assert_int_equal(MFT_RESERVED_FIRST, 1U << 30);
    for (const struct mft_device_type *d = mft_device_types; d->name; d++) {
        assert_ptr_equal(mft_device_type(d->type), d);
        assert_ptr_equal(mft_device_type_named(d->name), d);
        n++;
    }
    assert_int_equal(n, 2);
    assert_string_equal(mft_device_type_named("NET_BASIC")->module, "net");
    assert_null(mft_device_type_named("NET_BASIC "));
    assert_null(mft_device_type_named(""));
    assert_null(mft_device_type(0));
    assert_null(mft_device_type(MFT_RESERVED_FIRST));
}

static void test_name_valid(void **state)
{
    char name[MFT_NAME_SIZE + 1];

    (void)state;
    memset(name, 'a', sizeof name);
    name[MFT_NAME_MAX] = '\0';
    assert_true(mft_name_valid(name)); /* 67 characters */
    name[MFT_NAME_MAX] = 'a';
    name[MFT_NAME_SIZE] = '\0';
    assert_false(mft_name_valid(name)); /* 68 characters */
    assert_true(mft_name_valid("a"));
    assert_true(mft_name_valid("Storage0"));
    assert_true(mft_name_valid("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"));
    assert_false(mft_name_valid(""));
    assert_false(mft_name_valid("stor-age"));
    assert_false(mft_name_valid("stor_age"));
    assert_false(mft_name_valid("storage "));
    assert_false(mft_name_valid(" storage"));
    assert_false(mft_name_valid("net.0"));
    assert_false(mft_name_valid("caf\xc3\xa9")); /* UTF-8 letter */
    assert_false(mft_name_valid("\x7f"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_validate_ok),
        cmocka_unit_test(test_validate_unchecked),
        cmocka_unit_test(test_validate_header),
        cmocka_unit_test(test_validate_size),
        cmocka_unit_test(test_validate_reserved),
        cmocka_unit_test(test_validate_entries),
        cmocka_unit_test(test_get_by_name),
        cmocka_unit_test(test_get_by_name_long),
        cmocka_unit_test(test_type_to_string),
        cmocka_unit_test(test_device_types),
        cmocka_unit_test(test_name_valid),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
