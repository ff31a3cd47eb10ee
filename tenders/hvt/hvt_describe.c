/* solo5-hvt --describe: the modules, hypercalls and syscalls it holds. */
#include "hvt.h"

#include <stdio.h>
#include <stdlib.h>

/* Made-up descriptors for the devices of a description: rules only pin
 * them, nothing is opened. */
#define FAKE_FD 100

static int print_module(const struct tender_module *m, void *ctx)
{
    (void)ctx;
    printf(" %s", m->name);
    return 0;
}

static void print_device(mft_type_t type, const char *module, void *ctx)
{
    (void)ctx;
    printf(" %s=%s", mft_type_to_string(type), module);
}

/* One attached device of type if its module is linked in. */
static void add_device(mft_type_t type, const char *module, void *ctx)
{
    struct mft *m = ctx;
    struct mft_entry *e = &m->e[m->entries];

    if (!tender_module_linked(module))
        return;
    e->type = type;
    e->attached = true;
    e->b.hostfd = FAKE_FD + (int)m->entries++;
    if (type == MFT_DEV_BLOCK_BASIC) {
        e->u.block_basic.block_size = 512;
        e->u.block_basic.capacity = 1ULL << 20;
    } else if (type == MFT_DEV_NET_BASIC)
        e->u.net_basic.mtu = 1500;
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

    printf("modules: core");
    tender_modules_each(print_module, NULL);
    printf("\ndevices:");
    tender_device_modules_each(print_device, NULL);
    printf("\n");
    print_hypercalls();
    /* The allowlist a guest gets with one device of each linked module and
     * the net ring offered: the largest this tender installs, but for more
     * devices of the same kinds (more descriptors, the same syscalls). */
    m->entries = 1;
    m->e[0].type = MFT_RESERVED_FIRST;
    tender_device_modules_each(add_device, m);
    h.t.mft = m;
    h.t.ws.epollfd = h.t.ws.timerfd = FAKE_FD - 1;
    h.vcpu_fd = FAKE_FD - 2;
    h.ring_offered = true;
    hvt_sandbox_rules(&h);
    print_syscalls(&h.sb);
}
