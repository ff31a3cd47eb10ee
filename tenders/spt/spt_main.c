/* solo5-spt entry: the shared start, guest memory, devices, sandbox, run. */
#include "spt.h"

#include <err.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/personality.h>
#include <unistd.h>

static int core_option(struct tender *t, const char *opt)
{
    if (strcmp(opt, "--x-exec-heap") != 0)
        return 1;
    warnx("WARNING: The use of --x-exec-heap is dangerous and not "
          "recommended as it makes the heap and stack executable.");
    spt_of(t)->exec_heap = true;
    return 0;
}

static const char *const core_flags[] = {"--x-exec-heap", NULL};

static const struct tender_desc spt_desc = {
    .prog = "solo5-spt",
    .abi_target = ABI1_TARGET_SPT,
    .abi_version = SPT_ABI_VERSION,
    .core_usage = "  [ --x-exec-heap ] (make the heap executable; insecure)\n",
    .core_flags = core_flags,
    .core_option = core_option,
};

/* spt maps guest memory without PROT_EXEC; a personality that adds it back
 * would silently undo W^X. */
static void check_personality(void)
{
    int p = personality(0xffffffff);

    if (p != -1 && (p & READ_IMPLIES_EXEC))
        errx(1, "Cannot run with the READ_IMPLIES_EXEC personality");
}

static void wipe(char *s)
{
    if (s != NULL)
        memset(s, 0, strlen(s));
}

/*
 * The guest shares the tender's address space: leave nothing in the
 * strings the kernel placed on the stack. ARGS are in guest memory already;
 * nothing prints (or reads argv) after this.
 */
static void scrub_strings(int argc, char **argv)
{
    for (int i = 0; i < argc; i++)
        wipe(argv[i]);
    for (char **e = environ; e != NULL && *e != NULL; e++)
        wipe(*e);
    environ = NULL;
    wipe((char *)getauxval(AT_EXECFN));
}

int main(int argc, char **argv)
{
    /* Static, not on the stack: zero without a memset, so the pages of the
     * large tables are only touched (and faulted in) as far as they are used.
     */
    static struct spt spt;

    tender_init(&spt.t, &spt_desc, argc, argv);
    tender_signals_init(spt_desc.prog);
    check_personality();
    spt_mem_init(&spt);
    close(spt.t.elf.fd);
    spt_rules_core(&spt);
    tender_modules_setup(&spt.t);
    tender_check_attached(&spt.t);
    tender_modules_rules(&spt.t, &spt.sb);
    spt_boot_info_init(&spt);
    sandbox_seal(&spt.sb);
    sandbox_install(false);
    scrub_strings(argc, argv);
    spt_launch(spt.t.mem_size - 8, spt.img.entry, SPT_BOOT_INFO_BASE);
}
