/* The start every tender shares: command line, KERNEL checks, options. */
#include "common.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define DEFAULT_MEM_MIB 512ULL
/* Far more than any guest needs; stops N * 1 MiB from overflowing. */
#define MAX_MEM_MIB (1ULL << 20)

/* A closed 0, 1 or 2 would be the next descriptor opened (KERNEL, a disk):
 * the guest's console writes, or a library's error messages, would land in
 * it. /dev/null takes any free slot first. */
static void keep_std_fds(void)
{
    for (int fd = 0; fd < 3; fd++) {
        if (fcntl(fd, F_GETFD) >= 0 || errno != EBADF)
            continue;
        if (open("/dev/null", O_RDWR) != fd)
            _exit(1);
    }
}

static bool in_list(const char *const *list, const char *arg)
{
    for (; list != NULL && *list != NULL; list++)
        if (strcmp(*list, arg) == 0)
            return true;
    return false;
}

/* The length of the first of the words of list that arg is, or starts with
 * followed by '=' or ':'; 0 if none. */
static size_t option_in(const char *list, const char *arg)
{
    while (*list != '\0') {
        size_t n = strcspn(list, " ");
        if (n > 0 && strncmp(arg, list, n) == 0 &&
            strchr("=:", arg[n]) != NULL) /* the NUL too */
            return n;
        list += n + (list[n] == ' ');
    }
    return 0;
}

/* The module that owns arg by t's table of option owners if this tender was
 * built without it, else NULL; *n gets the length of the option's name. */
static const char *missing_owner(const struct tender *t, const char *arg,
                                 size_t *n)
{
    const struct tender_option_owner *o = t->desc->option_owners;

    for (; o != NULL && o->module != NULL; o++)
        if ((*n = option_in(o->options, arg)) > 0)
            return tender_module_named(o->module) == NULL ? o->module : NULL;
    return NULL;
}

/* An option of a module this tender was built without: one line naming it. */
static void check_owner(const struct tender *t, const char *arg)
{
    size_t n;
    const char *m = missing_owner(t, arg, &n);

    if (m != NULL)
        errx(1,
             "%.*s needs the %s module, which this tender was built without "
             "(%s-configure --module=%s)",
             (int)n, arg, m, t->desc->prog, m);
}

/* An option without "=VALUE" must be one of the flags someone knows, or
 * belong to a module not linked in (check_owner then refuses it). */
static void check_form(const struct tender *t, const char *arg)
{
    char shown[TENDER_ESCAPED_SIZE];
    const struct tender_module *m;
    size_t n;

    if (strncmp(arg, "--", 2) != 0 || strchr(arg, '=') != NULL ||
        in_list(t->desc->core_flags, arg) || missing_owner(t, arg, &n) != NULL)
        return;
    for (unsigned i = 0; (m = tender_module_at(i)) != NULL; i++)
        if (in_list(m->flags, arg))
            return;
    errx(1, "Malformed option '%s': expected --NAME=VALUE",
         tender_escape(arg, shown, sizeof shown));
}

/* First pass: --help, --version, the form of each option, the index of
 * KERNEL. */
static int find_kernel(const struct tender *t, int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0) {
            if (i + 1 < argc)
                return i + 1;
            break;
        }
        if (argv[i][0] != '-')
            return i;
        if (strcmp(argv[i], "--help") == 0)
            tender_usage(t);
        if (strcmp(argv[i], "--version") == 0) {
            fprintf(stderr, "%s tender, version %s\nABI version %u\n",
                    t->desc->prog, KILN_VERSION, t->desc->abi_version);
            exit(0);
        }
        if (strcmp(argv[i], "--describe") == 0 && t->desc->describe != NULL) {
            t->desc->describe();
            exit(0);
        }
        check_form(t, argv[i]);
    }
    errx(1, "Missing KERNEL operand (see --help)");
}

/* Opens KERNEL (path) and checks its ELF headers (the loader reuses them),
 * its ABI note and its manifest. */
static void open_kernel(struct tender *t, const char *path)
{
    struct abi1_info abi;
    struct kiln_err e;
    int fd = file_open(path, O_RDONLY, false, &e), rc;

    if (fd < 0)
        errx(1, "%s: Could not open: %s", t->kernel, e.msg);
    if (elf_open(fd, &t->elf, &e) != 0 ||
        (rc = elf_load_abi(&t->elf, &abi, &e)) < 0)
        errx(1, "%s: %s", t->kernel, e.msg);
    if (rc > 0)
        errx(1, "%s: No Solo5 ABI information found in executable", t->kernel);
    if (abi.abi_target != t->desc->abi_target)
        errx(1, "%s: Executable is not for the %s target", t->kernel,
             t->desc->prog);
    if (abi.abi_version != t->desc->abi_version)
        errx(1, "%s: Executable requests unsupported ABI version %u", t->kernel,
             abi.abi_version);
    rc = mft_load(&t->elf, &t->mft_store, &t->mft_size, &e);
    if (rc < 0)
        errx(1, "%s: %s", t->kernel, e.msg);
    if (rc > 0)
        errx(1,
             "%s: No Solo5 manifest found in executable; link the object "
             "generated by 'solo5-elftool gen-manifest'",
             t->kernel);
    t->mft = mft_of(&t->mft_store);
}

/* A tender built without the module a declared device needs cannot run
 * KERNEL: say which module, before any option is looked at. */
static void check_modules(const struct tender *t)
{
    char name[TENDER_ESCAPED_NAME_SIZE];

    for (unsigned i = 0; i < t->mft->entries; i++) {
        const struct mft_entry *e = &t->mft->e[i];
        const struct mft_device_type *d = mft_device_type(e->type);
        const char *m = d != NULL ? d->module : NULL;
        if (e->type >= MFT_RESERVED_FIRST ||
            (m != NULL && tender_module_named(m) != NULL))
            continue;
        errx(1,
             "%s: Device '%s' of type %s needs module '%s', which this "
             "tender was built without",
             t->kernel, tender_escape(e->name, name, sizeof name),
             mft_type_to_string(e->type), m != NULL ? m : "<none>");
    }
}

/* Second pass: --mem, then the tender's core, then each module. */
static void handle_option(struct tender *t, const char *opt)
{
    char shown[TENDER_ESCAPED_SIZE];
    const struct tender_module *m;
    uint64_t mib;
    int rc = 1;

    check_owner(t, opt);
    if (strncmp(opt, "--mem=", 6) == 0) {
        if (!opt_parse_u64(opt + 6, &mib) || mib == 0 || mib > MAX_MEM_MIB)
            errx(1, "Malformed argument to --mem");
        t->mem_size = mib * MIB;
        rc = 0;
    } else if (t->desc->core_option != NULL)
        rc = t->desc->core_option(t, opt);
    for (unsigned i = 0; rc == 1 && (m = tender_module_at(i)) != NULL; i++)
        if (m->handle_option != NULL)
            rc = m->handle_option(t, opt);
    if (rc == 1)
        errx(1, "Invalid option: '%s'",
             tender_escape(opt, shown, sizeof shown));
    if (rc != 0)
        exit(1);
}

void tender_init(struct tender *t, const struct tender_desc *desc, int argc,
                 char **argv)
{
    int k;

    keep_std_fds();
    /* Messages name the tender, not whatever argv[0] says. */
    program_invocation_name = program_invocation_short_name =
        (char *)desc->prog;
    t->desc = desc;
    t->mem_size = DEFAULT_MEM_MIB * MIB;
    k = find_kernel(t, argc, argv);
    t->kernel = tender_escape(argv[k], t->kernel_shown, sizeof t->kernel_shown);
    open_kernel(t, argv[k]);
    check_modules(t);
    for (int i = 1; i < k && strcmp(argv[i], "--") != 0; i++)
        handle_option(t, argv[i]);
    if (cmdline_join(t->cmdline, sizeof t->cmdline, argc - k - 1, argv + k + 1))
        errx(1, "Guest command line too long (max=%u characters)",
             TENDER_CMDLINE_SIZE - 1);
    waitset_init(&t->ws);
}
