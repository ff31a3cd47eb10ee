/* solo5-hvt --describe: the modules, hypercalls and syscalls it holds. */
#include "hvt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Made-up descriptors for the devices of a description: rules only pin
 * them, nothing is opened. */
#define FAKE_FD 100

/* Each module's describe hook, with a made-up attached device of its type
 * (if it has one) added to m. */
static void describe_modules(struct tender *t, struct mft *m)
{
    const struct tender_module *mod;

    for (unsigned i = 0; (mod = tender_module_at(i)) != NULL; i++) {
        struct mft_entry *e = NULL;

        for (const struct mft_device_type *d = mft_device_types;
             d->name != NULL; d++) {
            if (strcmp(d->module, mod->name) != 0)
                continue;
            e = &m->e[m->entries];
            e->type = d->type;
            e->attached = true;
            e->b.hostfd = FAKE_FD + (int)m->entries++;
        }
        if (mod->describe != NULL)
            mod->describe(t, e);
    }
}

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

/* The smallest syscall number of sb above last, or -1. */
static int next_nr(const struct sandbox *sb, int last)
{
    int next = -1;

    for (unsigned i = 0; i < sb->nrules; i++)
        if (sb->rules[i].nr > last && (next < 0 || sb->rules[i].nr < next))
            next = sb->rules[i].nr;
    return next;
}

/* The distinct syscall numbers of sb: how many, then each, ascending. */
static void print_syscalls(const struct sandbox *sb)
{
    unsigned count = 0;

    for (int nr = next_nr(sb, -1); nr >= 0; nr = next_nr(sb, nr))
        count++;
    printf("syscalls: %u", count);
    for (int nr = next_nr(sb, -1); nr >= 0; nr = next_nr(sb, nr))
        printf(" %d", nr);
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
    describe_modules(&h.t, m);
    h.t.ws.epollfd = h.t.ws.timerfd = FAKE_FD - 1;
    h.vcpu_fd = FAKE_FD - 2;
    hvt_sandbox_rules(&h);
    print_syscalls(&h.sb);
}
