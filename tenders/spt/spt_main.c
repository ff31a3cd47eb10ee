/* solo5-spt entry: command line, kernel checks, devices, run. */
#include "spt.h"

#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <unistd.h>

#define MIB (1ULL << 20)
#define DEFAULT_MEM_MIB 512ULL
/* Far more than any guest needs; stops N * 1 MiB from overflowing. */
#define MAX_MEM_MIB (1ULL << 20)

static int print_module_usage(const struct spt_module_ops *m, void *ctx)
{
    (void)ctx;
    if (m->usage != NULL)
        fputs(m->usage, stderr);
    return 0;
}

static int print_module_name(const struct spt_module_ops *m, void *ctx)
{
    (void)ctx;
    fprintf(stderr, " %s", m->name);
    return 0;
}

void spt_usage(void)
{
    fprintf(stderr,
            "usage: solo5-spt [ CORE OPTIONS ] [ MODULE OPTIONS ] [ -- ] "
            "KERNEL [ ARGS ]\n"
            "KERNEL is the filename of the unikernel to run.\n"
            "ARGS are optional arguments passed to KERNEL.\n"
            "Core options:\n"
            "  [ --mem=512 ] (guest memory in MB)\n"
            "  [ --x-exec-heap ] (make the heap executable; insecure)\n"
            "    --help (display this help)\n"
            "    --version (display version information)\n");
    spt_modules_each(print_module_usage, NULL);
    fprintf(stderr, "Compiled-in modules: core");
    spt_modules_each(print_module_name, NULL);
    fprintf(stderr, "\n");
    exit(1);
}

static void version(void)
{
    fprintf(stderr, "solo5-spt tender, version %s\nABI version %u\n",
            KILN_VERSION, SPT_ABI_VERSION);
    exit(0);
}

/* First pass: --help/--version, and the index of KERNEL. */
static int find_kernel(int argc, char **argv)
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
            spt_usage();
        if (strcmp(argv[i], "--version") == 0)
            version();
    }
    warnx("Missing KERNEL operand");
    spt_usage();
}

static void parse_mem(struct spt *spt, const char *arg)
{
    uint64_t mib;

    if (!opt_parse_u64(arg, &mib) || mib == 0 || mib > MAX_MEM_MIB)
        errx(1, "Malformed argument to --mem");
    spt->mem_size = mib * MIB;
}

struct option_ctx {
    struct spt *spt;
    const char *opt;
    int rc;
};

static int try_module(const struct spt_module_ops *m, void *ctx)
{
    struct option_ctx *oc = ctx;

    if (m->handle_option == NULL)
        return 0;
    oc->rc = m->handle_option(oc->spt, oc->opt);
    return oc->rc != 1;
}

static void handle_option(struct spt *spt, const char *opt)
{
    struct option_ctx oc = {spt, opt, 1};

    if (strncmp(opt, "--mem=", 6) == 0) {
        parse_mem(spt, opt + 6);
        return;
    }
    if (strcmp(opt, "--x-exec-heap") == 0) {
        warnx("WARNING: The use of --x-exec-heap is dangerous and not "
              "recommended as it makes the heap and stack executable.");
        spt->exec_heap = true;
        return;
    }
    if (strcmp(opt, "--help") == 0 || strcmp(opt, "--version") == 0)
        return;
    spt_modules_each(try_module, &oc);
    if (oc.rc != 0) {
        warnx("Invalid option: '%s'", opt);
        spt_usage();
    }
}

/* Opens KERNEL and checks its ELF headers; the loader reuses them. */
static void open_kernel(struct spt *spt)
{
    struct kiln_err e;
    int fd = open(spt->kernel, O_RDONLY | O_CLOEXEC);

    if (fd < 0)
        errx(1, "%s: Could not open", spt->kernel);
    if (elf_open(fd, &spt->elf, &e) != 0)
        errx(1, "%s: %s", spt->kernel, e.msg);
}

static void check_abi(const struct elf_file *elf, const char *file)
{
    struct abi1_info abi;
    struct kiln_err e;
    int rc = elf_load_abi(elf, &abi, &e);

    if (rc < 0)
        errx(1, "%s: %s", file, e.msg);
    if (rc > 0)
        errx(1, "%s: No Solo5 ABI information found in executable", file);
    if (abi.abi_target != ABI1_TARGET_SPT)
        errx(1, "%s: Executable is not for the solo5-spt target", file);
    if (abi.abi_version != SPT_ABI_VERSION)
        errx(1, "%s: Executable requests unsupported ABI version %u", file,
             abi.abi_version);
}

static void load_manifest(struct spt *spt)
{
    struct kiln_err e;
    int rc = mft_load(&spt->elf, &spt->mft_store, &spt->mft_size, &e);

    if (rc < 0)
        errx(1, "%s: %s", spt->kernel, e.msg);
    if (rc > 0)
        errx(1, "%s: No Solo5 manifest found in executable", spt->kernel);
    spt->mft = mft_of(&spt->mft_store);
}

static void report_unattached(void *ctx, const struct mft_entry *e)
{
    (void)ctx;
    warnx("Device '%s' of type %s declared but not attached.", e->name,
          mft_type_to_string(e->type));
}

static int setup_module(const struct spt_module_ops *m, void *ctx)
{
    struct spt *spt = ctx;

    if (m->setup != NULL && m->setup(spt) != 0)
        exit(1);
    return 0;
}

/* spt maps guest memory without PROT_EXEC; a personality that adds it back
 * would silently undo W^X. */
static void check_personality(void)
{
    int p = personality(0xffffffff);

    if (p != -1 && (p & READ_IMPLIES_EXEC))
        errx(1, "Cannot run with the READ_IMPLIES_EXEC personality");
}

int main(int argc, char **argv)
{
    /* Static, not on the stack: zero without a memset, so the pages of the
     * large tables are only touched (and faulted in) as far as they are used.
     */
    static char cmdline[SPT_CMDLINE_SIZE];
    static struct spt spt;
    int k = find_kernel(argc, argv);

    spt.mem_size = DEFAULT_MEM_MIB * MIB;
    spt.kernel = argv[k];
    open_kernel(&spt);
    check_abi(&spt.elf, spt.kernel);
    load_manifest(&spt);
    for (int i = 1; i < k && strcmp(argv[i], "--") != 0; i++)
        handle_option(&spt, argv[i]);
    if (cmdline_join(cmdline, sizeof cmdline, argc - k - 1, argv + k + 1))
        errx(1, "Guest command line too long (max=%u characters)",
             SPT_CMDLINE_SIZE - 1);
    check_personality();
    spt_mem_init(&spt);
    close(spt.elf.fd);
    spt_modules_each(setup_module, &spt);
    if (mft_check_attached(spt.mft, report_unattached, NULL) != 0)
        errx(1, "All declared devices must be attached. See --help for "
                "syntax.");
    spt_boot_info_init(&spt, cmdline);
    spt_rules_core(&spt);
    spt_seccomp_install(&spt);
    spt_launch(spt.mem_size - 8, spt.img.entry, SPT_BOOT_INFO_BASE);
}
