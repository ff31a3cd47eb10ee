/* Unit tests of elftool's library: JSON checks, line lookup, C and queries. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common.h"
#include "elftool.h"

static unsigned line_of(const char *text, const struct json_step *path,
                        size_t depth)
{
    return elftool_json_line(text, strlen(text), path, depth);
}

static void test_json_line(void **state)
{
    const char *doc = "\n{ \"a\": 1,\n  \"b\": [\n    {\"c\": 2},\n"
                      "    [ \"x\\\"]\" ],\n    {\n\"c\":\n3 } ] }\n";
    const struct json_step b2c[] = {{"b", 0}, {NULL, 2}, {"c", 0}};
    const struct json_step b1[] = {{"b", 0}, {NULL, 1}};
    const struct json_step missing[] = {{"b", 0}, {NULL, 7}};
    const struct json_step wrong[] = {{NULL, 0}};

    (void)state;
    assert_int_equal(line_of(doc, NULL, 0), 2);
    assert_int_equal(line_of(doc, b2c, 1), 3);
    assert_int_equal(line_of(doc, b2c, 2), 6); /* after a string holding "] */
    assert_int_equal(line_of(doc, b2c, 3), 8);
    assert_int_equal(line_of(doc, b1, 2), 5);
    assert_int_equal(line_of(doc, missing, 2), 3); /* the array's line */
    assert_int_equal(line_of(doc, wrong, 1), 2);   /* not an array: root */
    assert_int_equal(line_of("", NULL, 0), 0);
    assert_int_equal(line_of(" \n ", NULL, 0), 0);
}

/* Anything, even text jansson rejects, must be scanned safely. */
static void test_json_line_garbage(void **state)
{
    const struct json_step p[] = {{"a", 0}, {NULL, 3}, {"b", 0}};
    const char *junk[] = {
        "{",    "{\"a\"",           "{\"a\":[",     "{\"a\":[1,",
        "[[[",  "{\"a\":[}}}]",     "{\"a\":[\"\\", "\"",
        "{:,]", "{\"a\":[,,,{\"b\""};

    (void)state;
    for (size_t i = 0; i < sizeof junk / sizeof junk[0]; i++)
        assert_int_equal(line_of(junk[i], p, 3), 1);
}

static void test_parse_ok(void **state)
{
    const char *src = "{\"devices\": [{\"type\": \"NET_BASIC\", \"name\": "
                      "\"n0\"}, {\"name\": \"b\", \"type\": \"BLOCK_BASIC\"}],"
                      " \"version\": 1, \"type\": \"solo5.manifest\"}";
    struct elftool_manifest m;
    struct elftool_diag d;

    (void)state;
    assert_int_equal(elftool_parse_manifest(src, strlen(src), &m, &d), 0);
    assert_int_equal(m.ndevices, 2);
    assert_string_equal(m.dev[0].name, "n0");
    assert_int_equal(m.dev[0].type, MFT_DEV_NET_BASIC);
    assert_string_equal(m.dev[1].name, "b");
    assert_int_equal(m.dev[1].type, MFT_DEV_BLOCK_BASIC);
    assert_int_equal(m.dev[1].name[MFT_NAME_MAX], '\0');
}

/* The text need not be NUL-terminated: only len bytes are read. */
static void test_parse_unterminated(void **state)
{
    const char src[] = "{\"type\": \"solo5.manifest\", \"version\": 1, "
                       "\"devices\": []}garbage";
    struct elftool_manifest m;
    struct elftool_diag d;
    char *copy = malloc(sizeof src - 1 - 7);

    (void)state;
    memcpy(copy, src, sizeof src - 1 - 7);
    assert_int_equal(elftool_parse_manifest(copy, sizeof src - 1 - 7, &m, &d),
                     0);
    assert_int_equal(elftool_parse_manifest(src, sizeof src - 1, &m, &d), -1);
    assert_int_equal(d.line, 1);
    free(copy);
}

/* A key written with escapes still names itself in the message, safely. */
static void test_parse_unknown_key_escaped(void **state)
{
    const char *src = "{\"type\": \"solo5.manifest\",\n\"version\": 1,\n"
                      "\"devices\": [],\n\"k\\u0001\\n\": 0}";
    struct elftool_manifest m;
    struct elftool_diag d;

    (void)state;
    assert_int_equal(elftool_parse_manifest(src, strlen(src), &m, &d), -1);
    assert_string_equal(d.msg, "(root): unknown key: k??");
    assert_int_equal(d.line, 1); /* raw key differs: falls back to the root */
}

static void test_write_c(void **state)
{
    struct elftool_manifest m = {1, {{"disk", MFT_DEV_BLOCK_BASIC}}};
    char *buf = NULL;
    size_t len;
    FILE *f = open_memstream(&buf, &len);

    (void)state;
    assert_int_equal(elftool_write_manifest_c(f, &m), 0);
    fclose(f);
    assert_non_null(
        strstr(buf, "#define MFT_ENTRIES 2\n#include \"mft_abi.h\"\n"));
    assert_non_null(strstr(buf, ".n_descsz = 220,"));
    assert_non_null(
        strstr(buf, "{ .name = \"disk\", .type = MFT_DEV_BLOCK_BASIC },"));
    free(buf);
}

/* Names in a binary are not restricted, but the JSON printed must be valid. */
static void test_print_manifest_escapes(void **state)
{
    struct mft *mft = calloc(1, MFT_SIZE(2));
    char *buf = NULL;
    size_t len;
    FILE *f = open_memstream(&buf, &len);

    (void)state;
    mft->version = 1;
    mft->entries = 2;
    strcpy(mft->e[1].name, "a\"b\\c\n\x80");
    mft->e[1].type = 9;
    assert_int_equal(elftool_print_manifest(f, mft), 0);
    fclose(f);
    assert_non_null(strstr(buf,
                           "    { \"name\": \"a\\\"b\\\\c\\u000a\\u0080\", "
                           "\"type\": \"<undefined type>\" }\n  ]\n}\n"));
    free(buf);
    free(mft);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_json_line),
        cmocka_unit_test(test_json_line_garbage),
        cmocka_unit_test(test_parse_ok),
        cmocka_unit_test(test_parse_unterminated),
        cmocka_unit_test(test_parse_unknown_key_escaped),
        cmocka_unit_test(test_write_c),
        cmocka_unit_test(test_print_manifest_escapes),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
