/* The tender framework: modules, usage, device options, attach checks. */
#include "common.h"

#include <err.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The linker collects every TENDER_MODULE pointer between these symbols. */
extern const struct tender_module *const __start_kiln_modules[]
    __attribute__((weak));
extern const struct tender_module *const __stop_kiln_modules[]
    __attribute__((weak));

int tender_modules_each(int (*fn)(const struct tender_module *, void *),
                        void *ctx)
{
    for (const struct tender_module *const *m = __start_kiln_modules;
         m < __stop_kiln_modules; m++) {
        int rc = fn(*m, ctx);
        if (rc != 0)
            return rc;
    }
    return 0;
}

static int run_setup(const struct tender_module *m, void *ctx)
{
    if (m->setup != NULL && m->setup(ctx) != 0)
        exit(1);
    return 0;
}

void tender_modules_setup(struct tender *t)
{
    tender_modules_each(run_setup, t);
}

struct rules_ctx {
    struct tender *t;
    struct sandbox *sb;
};

static int add_rules(const struct tender_module *m, void *ctx)
{
    struct rules_ctx *rc = ctx;

    if (m->rules != NULL)
        m->rules(rc->t, rc->sb);
    return 0;
}

void tender_modules_rules(struct tender *t, struct sandbox *sb)
{
    struct rules_ctx rc = {t, sb};

    tender_modules_each(add_rules, &rc);
}

static int has_name(const struct tender_module *m, void *name)
{
    return strcmp(m->name, name) == 0;
}

bool tender_module_linked(const char *name)
{
    return tender_modules_each(has_name, (void *)name) != 0;
}

/* Which module attaches each device type. */
static const struct {
    mft_type_t type;
    const char *module;
} device_modules[] = {
    {MFT_DEV_BLOCK_BASIC, "block"},
    {MFT_DEV_NET_BASIC, "net"},
};

const char *tender_device_module(mft_type_t type)
{
    for (size_t i = 0; i < sizeof device_modules / sizeof device_modules[0];
         i++)
        if (device_modules[i].type == type)
            return device_modules[i].module;
    return NULL;
}

void tender_device_modules_each(void (*fn)(mft_type_t type, const char *module,
                                           void *ctx),
                                void *ctx)
{
    for (size_t i = 0; i < sizeof device_modules / sizeof device_modules[0];
         i++)
        fn(device_modules[i].type, device_modules[i].module, ctx);
}

static int print_module_usage(const struct tender_module *m, void *ctx)
{
    (void)ctx;
    if (m->usage != NULL)
        fputs(m->usage, stderr);
    return 0;
}

static int print_module_name(const struct tender_module *m, void *ctx)
{
    (void)ctx;
    fprintf(stderr, " %s", m->name);
    return 0;
}

void tender_usage(const struct tender *t)
{
    fprintf(stderr,
            "usage: %s [ CORE OPTIONS ] [ MODULE OPTIONS ] [ -- ] "
            "KERNEL [ ARGS ]\n"
            "KERNEL is the filename of the unikernel to run.\n"
            "ARGS are optional arguments passed to KERNEL.\n"
            "Core options:\n"
            "  [ --mem=512 ] (guest memory in MiB)\n"
            "%s"
            "    --help (display this help)\n"
            "    --version (display version information)\n",
            t->desc->prog,
            t->desc->core_usage != NULL ? t->desc->core_usage : "");
    tender_modules_each(print_module_usage, NULL);
    fprintf(stderr, "Compiled-in modules: core");
    tender_modules_each(print_module_name, NULL);
    fprintf(stderr, "\n");
    exit(1);
}

int tender_bad_option(const char *opt, const char *fmt, ...)
{
    char why[256], shown[TENDER_ESCAPED_SIZE];
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    warnx("%s; Invalid option: '%s'", why,
          tender_escape(opt, shown, sizeof shown));
    return -1;
}

int tender_device_option(struct tender *t, const char *opt, const char *prefix,
                         mft_type_t type, const char **value, unsigned *idx)
{
    char name[MFT_NAME_SIZE];
    struct kiln_err e;
    int rc = opt_device(opt, prefix, name, value, &e);

    if (rc < 0)
        return tender_bad_option(opt, "%s", e.msg);
    if (rc != 0)
        return rc;
    if (mft_get_by_name(t->mft, name, type, idx) == NULL)
        return tender_bad_option(opt, "Resource not declared in manifest: '%s'",
                                 name);
    return 0;
}

const char *tender_escape(const char *name, char *buf, size_t size)
{
    size_t n = 0;

    if (size == 0)
        return buf;
    for (; *name != '\0'; name++) {
        unsigned char c = (unsigned char)*name;
        bool plain = c >= 0x20 && c < 0x7f && c != '\\';
        size_t need = plain ? 1 : 4;
        if (n + need >= size)
            break;
        if (plain)
            buf[n] = (char)c;
        else
            snprintf(buf + n, 5, "\\x%02x", c);
        n += need;
    }
    buf[n] = '\0';
    return buf;
}

/* Each unattached device, one after the other on the same line. */
static void report_unattached(void *ctx, const struct mft_entry *e)
{
    char name[TENDER_ESCAPED_NAME_SIZE];

    (void)ctx;
    fprintf(stderr, "Device '%s' of type %s declared but not attached. ",
            tender_escape(e->name, name, sizeof name),
            mft_type_to_string(e->type));
}

void tender_check_attached(const struct tender *t)
{
    if (mft_check_attached(t->mft, NULL, NULL) == 0)
        return;
    fprintf(stderr, "%s: ", t->desc->prog);
    mft_check_attached(t->mft, report_unattached, NULL);
    fprintf(stderr, "All declared devices must be attached. See --help for syntax.\n");
    exit(1);
}
