/* libFuzzer target: any bytes as manifest JSON and as a binary manifest. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common_module.h"
#include "elftool.h"

/* Everything a generated manifest must satisfy, else it is a bug. */
static void check_devices(const struct elftool_manifest *m)
{
    if (m->ndevices > ELFTOOL_MAX_DEVICES)
        abort();
    for (unsigned i = 0; i < m->ndevices; i++) {
        if (!mft_name_valid(m->dev[i].name) ||
            strcmp(mft_type_to_string(m->dev[i].type), "<undefined type>") == 0)
            abort();
        for (unsigned j = 0; j < i; j++) {
            if (strcmp(m->dev[i].name, m->dev[j].name) == 0)
                abort();
        }
    }
}

/* The binary manifest gen-manifest's C defines must pass tender checks. */
static void check_binary(const struct elftool_manifest *m)
{
    uint32_t n = m->ndevices + 1;
    struct mft *b = calloc(1, MFT_SIZE(n));
    struct kiln_err err;

    if (b == NULL)
        abort();
    b->version = MFT_VERSION;
    b->entries = n;
    b->e[0].type = MFT_RESERVED_FIRST;
    for (uint32_t i = 1; i < n; i++) {
        memcpy(b->e[i].name, m->dev[i - 1].name, MFT_NAME_SIZE);
        b->e[i].type = m->dev[i - 1].type;
    }
    if (mft_validate(b, MFT_SIZE(n), &err) != 0)
        abort();
    free(b);
}

static void fuzz_json(const uint8_t *data, size_t size, FILE *sink)
{
    struct elftool_manifest m;
    struct elftool_diag diag;

    if (elftool_parse_manifest((const char *)data, size, &m, &diag) != 0) {
        /* A diagnostic is one non-empty line. */
        if (diag.msg[0] == '\0' || strchr(diag.msg, '\n') != NULL)
            abort();
        return;
    }
    check_devices(&m);
    check_binary(&m);
    if (elftool_write_manifest_c(sink, &m) != 0)
        abort();
}

/* Lookups and printing on whatever mft_validate lets through. */
static void use_valid(struct mft *m, FILE *sink)
{
    for (uint32_t i = 0; i < m->entries; i++) {
        if (mft_get_by_name(m, m->e[i].name, m->e[i].type, NULL) == NULL)
            abort();
    }
    if (elftool_print_manifest(sink, m) != 0)
        abort();
}

/* A copy gives mft_validate the alignment a loaded note has. */
static void fuzz_binary(const uint8_t *data, size_t size, FILE *sink)
{
    struct mft *m = malloc(size > 0 ? size : 1);
    struct kiln_err err;

    if (m == NULL)
        abort();
    memcpy(m, data, size);
    if (mft_validate(m, size, &err) == 0)
        use_valid(m, sink);
    free(m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;

    if (sink == NULL && (sink = fopen("/dev/null", "w")) == NULL)
        abort();
    fuzz_json(data, size, sink);
    fuzz_binary(data, size, sink);
    return 0;
}
