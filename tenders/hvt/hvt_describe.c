/* solo5-hvt --describe: the modules, hypercalls and syscalls it holds. */
#include "hvt.h"

#include <err.h>
#include <stdio.h>

/* Made-up descriptors for the wait set and the vCPU of a description (the
 * modules' devices take 100 and up): rules only pin them, nothing is
 * opened. */
#define FAKE_FD 98

/* Above every syscall number of the architectures Kiln runs on. */
#define NR_MAX 1024

static void print_hypercalls(void)
{
    unsigned n;
    const struct hvt_hypercall_entry *hc = hvt_hypercalls_linked(&n);

    printf("hypercalls: %u", n);
    for (unsigned nr = 0; nr < HVT_HYPERCALL_MAX; nr++)
        for (unsigned i = 0; i < n; i++)
            if (hc[i].nr == nr)
                printf(" %s", hc[i].name);
    printf("\n");
}

/* The distinct syscall numbers of sb: how many, then each, ascending. */
static void print_syscalls(const struct sandbox *sb)
{
    static bool seen[NR_MAX];
    unsigned count = 0;

    for (unsigned i = 0; i < sb->nrules; i++) {
        unsigned nr = (unsigned)sb->rules[i].nr;
        if (nr >= NR_MAX)
            errx(1, "Internal error: syscall %u in the allowlist", nr);
        count += !seen[nr];
        seen[nr] = true;
    }
    printf("syscalls: %u", count);
    for (unsigned nr = 0; nr < NR_MAX; nr++)
        if (seen[nr])
            printf(" %u", nr);
    printf("\n");
}

void hvt_describe(void)
{
    static struct hvt h;
    struct mft *m = mft_of(&h.t.mft_store);
    const struct tender_module *mod;

    printf("modules: core");
    for (unsigned i = 0; (mod = tender_module_at(i)) != NULL; i++)
        printf(" %s", mod->name);
    printf("\ndevices:");
    for (const struct mft_device_type *d = mft_device_types; d->name; d++)
        printf(" %s=%s", d->name, d->module);
    printf("\n");
    print_hypercalls();
    /* The allowlist a guest gets with one device of each linked module, in
     * the state each module's describe hook says allows the most: the
     * largest this tender installs, but for more devices of the same kinds
     * (more descriptors, the same syscalls). */
    m->entries = 1;
    m->e[0].type = MFT_RESERVED_FIRST;
    h.t.mft = m;
    for (unsigned i = 0; (mod = tender_module_at(i)) != NULL; i++)
        if (mod->describe != NULL)
            mod->describe(&h.t);
    h.t.ws.epollfd = h.t.ws.timerfd = FAKE_FD + 1;
    h.vcpu_fd = FAKE_FD;
    hvt_sandbox_rules(&h);
    print_syscalls(&h.sb);
}
