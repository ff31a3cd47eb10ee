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

const struct tender_module *tender_module_at(unsigned i)
{
    return __start_kiln_modules + i < __stop_kiln_modules
               ? __start_kiln_modules[i]
               : NULL;
}

void tender_modules_setup(struct tender *t)
{
    const struct tender_module *m;

    for (unsigned i = 0; (m = tender_module_at(i)) != NULL; i++)
        if (m->setup != NULL && m->setup(t) != 0)
            exit(1);
}

void tender_modules_rules(struct tender *t, struct sandbox *sb)
{
    const struct tender_module *m;

    for (unsigned i = 0; (m = tender_module_at(i)) != NULL; i++)
        if (m->rules != NULL)
            m->rules(t, sb);
}

void tender_modules_exit(struct tender *t, int status, bool fatal)
{
    const struct tender_module *m;

    for (unsigned i = 0; (m = tender_module_at(i)) != NULL; i++)
        if (m->exit != NULL)
            m->exit(t, status, fatal);
}

const struct tender_module *tender_module_named(const char *name)
{
    const struct tender_module *m;

    for (unsigned i = 0; (m = tender_module_at(i)) != NULL; i++)
        if (strcmp(m->name, name) == 0)
            return m;
    return NULL;
}

void tender_usage(const struct tender *t)
{
    const struct tender_module *m;

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
    for (unsigned i = 0; (m = tender_module_at(i)) != NULL; i++)
        fputs(m->usage != NULL ? m->usage : "", stderr);
    fprintf(stderr, "Compiled-in modules: core");
    for (unsigned i = 0; (m = tender_module_at(i)) != NULL; i++)
        fprintf(stderr, " %s", m->name);
    fprintf(stderr, "\n");
    exit(1);
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
void tender_check_attached(const struct tender *t)
{
    char name[TENDER_ESCAPED_NAME_SIZE];
    unsigned missing = 0;

    for (uint32_t i = 0; i < t->mft->entries; i++) {
        const struct mft_entry *e = &t->mft->e[i];

        /* Types from MFT_RESERVED_FIRST up are not devices. */
        if (e->type >= MFT_RESERVED_FIRST || e->attached)
            continue;
        if (missing++ == 0)
            fprintf(stderr, "%s: ", t->desc->prog);
        fprintf(stderr, "Device '%s' of type %s declared but not attached. ",
                tender_escape(e->name, name, sizeof name),
                mft_type_to_string(e->type));
    }
    if (missing == 0)
        return;
    fprintf(stderr,
            "All declared devices must be attached. See --help for syntax.\n");
    exit(1);
}
