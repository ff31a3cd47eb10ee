/* gen-manifest's core: checks manifest JSON (spec 2.1 and more), writes C. */
#include <stdarg.h>
#include <stdbool.h>
#include <string.h>

#include <jansson.h>

#include "common_module.h"
#include "elftool.h"

/* What a failing check needs to report itself: the text, for line numbers. */
struct parse {
    const char *text;
    size_t len;
    struct elftool_diag *diag;
};

/* Copies src with control bytes replaced, so a diagnostic stays one line. */
static const char *printable(char *dst, size_t size, const char *src)
{
    size_t i;

    for (i = 0; i + 1 < size && src[i] != '\0'; i++)
        dst[i] =
            ((unsigned char)src[i] < 0x20 || src[i] == 0x7f) ? '?' : src[i];
    dst[i] = '\0';
    return dst;
}

/* Records a diagnostic about the value at path and returns -1. */
static int fail(struct parse *p, const struct json_step *path, size_t depth,
                const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static int fail(struct parse *p, const struct json_step *path, size_t depth,
                const char *fmt, ...)
{
    va_list ap;

    p->diag->line = elftool_json_line(p->text, p->len, path, depth);
    va_start(ap, fmt);
    vsnprintf(p->diag->msg, sizeof p->diag->msg, fmt, ap);
    va_end(ap);
    return -1;
}

static const char *type_name(const json_t *v)
{
    switch (json_typeof(v)) {
    case JSON_OBJECT:
        return "object";
    case JSON_ARRAY:
        return "array";
    case JSON_STRING:
        return "string";
    case JSON_INTEGER:
        return "integer";
    case JSON_REAL:
        return "real";
    case JSON_TRUE:
    case JSON_FALSE:
        return "boolean";
    default:
        return "null";
    }
}

static int expected(struct parse *p, const struct json_step *path, size_t depth,
                    const char *what, const json_t *v, const char *want)
{
    return fail(p, path, depth, "%s: expected %s, got %s", what, want,
                type_name(v));
}

/* Rejects the first key of obj (source order) not in NULL-ended allowed. */
static int check_keys(struct parse *p, struct json_step *path, size_t depth,
                      const char *what, json_t *obj, const char *const *allowed)
{
    const char *key;
    json_t *v;
    char safe[80];

    json_object_foreach(obj, key, v)
    {
        const char *const *a = allowed;

        while (*a != NULL && strcmp(*a, key) != 0)
            a++;
        if (*a != NULL)
            continue;
        path[depth].key = key;
        return fail(p, path, depth + 1, "%s: unknown key: %s", what,
                    printable(safe, sizeof safe, key));
    }
    return 0;
}

/* .name: present, a string, 1..67 alphanumerics, not used before. */
static int parse_name(struct parse *p, struct json_step *path, const char *what,
                      json_t *dev, const struct elftool_manifest *m)
{
    json_t *v = json_object_get(dev, "name");
    const char *s = json_string_value(v);
    char where[48];

    path[2].key = "name";
    if (v == NULL)
        return fail(p, path, 2, "%s: missing .name", what);
    snprintf(where, sizeof where, "%s.name", what);
    if (s == NULL)
        return expected(p, path, 3, where, v, "string");
    if (s[0] == '\0')
        return fail(p, path, 3, "%s: .name may not be empty", what);
    if (json_string_length(v) > MFT_NAME_MAX)
        return fail(p, path, 3, "%s: name too long", what);
    if (!mft_name_valid(s) || strlen(s) != json_string_length(v))
        return fail(p, path, 3, "%s: name is not alphanumeric", what);
    for (unsigned i = 0; i < m->ndevices; i++) {
        if (strcmp(m->dev[i].name, s) == 0)
            return fail(p, path, 3, "%s: duplicate name \"%s\"", what, s);
    }
    return 0;
}

/* .type: present, a string, a row of MFT_DEVICE_TYPES. */
static int parse_type(struct parse *p, struct json_step *path, const char *what,
                      json_t *dev, mft_type_t *type)
{
    json_t *v = json_object_get(dev, "type");
    const char *s = json_string_value(v);
    char where[48], safe[80];

    path[2].key = "type";
    if (v == NULL)
        return fail(p, path, 2, "%s: missing .type", what);
    snprintf(where, sizeof where, "%s.type", what);
    if (s == NULL)
        return expected(p, path, 3, where, v, "string");
    if (mft_device_type_named(s) != NULL) {
        *type = mft_device_type_named(s)->type;
        return 0;
    }
    return fail(p, path, 3, "%s: unknown type \"%s\"", what,
                printable(safe, sizeof safe, s));
}

/* Appends device i of .devices[] to m. */
static int parse_device(struct parse *p, size_t i, json_t *dev,
                        struct elftool_manifest *m)
{
    static const char *const keys[] = {"name", "type", NULL};
    struct json_step path[3] = {{"devices", 0}, {NULL, i}, {NULL, 0}};
    struct elftool_device *d = &m->dev[m->ndevices];
    char what[32];

    snprintf(what, sizeof what, ".devices[%zu]", i);
    if (!json_is_object(dev))
        return expected(p, path, 2, what, dev, "object");
    if (check_keys(p, path, 2, what, dev, keys) != 0 ||
        parse_name(p, path, what, dev, m) != 0 ||
        parse_type(p, path, what, dev, &d->type) != 0)
        return -1;
    /* parse_name checked the length, so this fits with its NUL. */
    strcpy(d->name, json_string_value(json_object_get(dev, "name")));
    m->ndevices++;
    return 0;
}

static int parse_devices(struct parse *p, json_t *root,
                         struct elftool_manifest *m)
{
    static const struct json_step path[] = {{"devices", 0}};
    json_t *devs = json_object_get(root, "devices"), *dev;
    size_t i;

    if (devs == NULL)
        return fail(p, NULL, 0, "missing .devices[]");
    if (!json_is_array(devs))
        return expected(p, path, 1, ".devices[]", devs, "array");
    if (json_array_size(devs) > ELFTOOL_MAX_DEVICES)
        return fail(p, path, 1, ".devices[]: too many entries, maximum %u",
                    ELFTOOL_MAX_DEVICES);
    json_array_foreach(devs, i, dev)
    {
        if (parse_device(p, i, dev, m) != 0)
            return -1;
    }
    return 0;
}

static int parse_type_version(struct parse *p, json_t *root)
{
    static const struct json_step at_type[] = {{"type", 0}};
    static const struct json_step at_version[] = {{"version", 0}};
    json_t *t = json_object_get(root, "type");
    json_t *v = json_object_get(root, "version");

    if (t == NULL)
        return fail(p, NULL, 0, "missing .type");
    if (!json_is_string(t))
        return expected(p, at_type, 1, ".type", t, "string");
    if (strcmp(json_string_value(t), "solo5.manifest") != 0)
        return fail(p, at_type, 1,
                    ".type: invalid value, expected \"solo5.manifest\"");
    if (v == NULL)
        return fail(p, NULL, 0, "missing .version");
    if (!json_is_integer(v))
        return expected(p, at_version, 1, ".version", v, "integer");
    if (json_integer_value(v) != MFT_VERSION)
        return fail(p, at_version, 1,
                    ".version: invalid version %" JSON_INTEGER_FORMAT
                    ", expected %u",
                    json_integer_value(v), MFT_VERSION);
    return 0;
}

static int parse_root(struct parse *p, json_t *root, struct elftool_manifest *m)
{
    static const char *const keys[] = {"type", "version", "devices", NULL};
    struct json_step path[1];

    if (!json_is_object(root))
        return expected(p, NULL, 0, "(root)", root, "object");
    if (check_keys(p, path, 0, "(root)", root, keys) != 0 ||
        parse_type_version(p, root) != 0)
        return -1;
    return parse_devices(p, root, m);
}

int elftool_parse_manifest(const char *text, size_t len,
                           struct elftool_manifest *m,
                           struct elftool_diag *diag)
{
    struct parse p = {.text = text, .len = len, .diag = diag};
    json_error_t jerr;
    char safe[sizeof jerr.text];
    json_t *root;
    int rc;

    /* Zeroed, so names are NUL-padded to their whole field like the note's. */
    memset(m, 0, sizeof *m);
    /* Duplicate keys would otherwise silently keep the last value. */
    root =
        json_loadb(text, len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr);
    if (root == NULL) {
        diag->line = jerr.line > 0 ? (unsigned)jerr.line : 0;
        snprintf(diag->msg, sizeof diag->msg, "JSON parse error: %s",
                 printable(safe, sizeof safe, jerr.text));
        return -1;
    }
    rc = parse_root(&p, root, m);
    json_decref(root);
    return rc;
}

int elftool_write_manifest_c(FILE *out, const struct elftool_manifest *m)
{
    unsigned entries = m->ndevices + 1;

    fprintf(out,
            "/* Generated by solo5-elftool version %s; do not edit. */\n\n"
            "#define MFT_ENTRIES %u\n"
            "#include \"mft_abi.h\"\n\n"
            "const struct mft1_note __solo5_mft1_note __attribute__((\n"
            "    section(\".note.solo5.manifest\"), aligned(8), used)) = {\n"
            "    .h = { .n_namesz = SOLO5_NOTE_NAMESZ,\n"
            "           .n_descsz = %u,\n"
            "           .n_type = SOLO5_NOTE_MFT1,\n"
            "           .n_name = SOLO5_NOTE_NAME },\n"
            "    .pad = 0,\n"
            "    .m = { .version = MFT_VERSION,\n"
            "           .entries = %u,\n"
            "           .e = {\n"
            "               { .name = \"\", .type = MFT_RESERVED_FIRST },\n",
            KILN_VERSION, entries, 4 + MFT_SIZE(entries), entries);
    for (unsigned i = 0; i < m->ndevices; i++)
        fprintf(out, "               { .name = \"%s\", .type = MFT_DEV_%s },\n",
                m->dev[i].name, mft_type_to_string(m->dev[i].type));
    fputs("           } }\n};\n", out);
    return ferror(out) ? -1 : 0;
}
