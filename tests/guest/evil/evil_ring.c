/* The evil guest's network ring: entries, indices and kicks. */
#include "evil.h"

#define WAIT_NS 10000000000ULL /* ring waits give up after 10 s */

static uint32_t com_head;

static void kick(void)
{
    out32(HVT_RING_KICK_PIO, 0);
}

static void ring_check(void)
{
    if (!(bi->host_features & HVT_FEATURE_RING_IO) || bi->net_ring == NULL)
        die("the ring is not offered", "");
    if ((uintptr_t)bi->net_ring != ms)
        die("the ring is not at mem_size", "");
    sayx("ring offered at ", (uintptr_t)bi->net_ring);
}

static void ring_none(void)
{
    if (bi->host_features != 0 || bi->net_ring != NULL)
        die("the ring is offered", "");
    say("no ring offered\n");
}

static void cmd_rsub(void)
{
    struct hvt_ring *r = ring_or_die();
    uint32_t tail = r->ent_tail;
    struct hvt_ring_entry *e = &r->entries[tail & HVT_RING_MASK];

    e->operation = (uint32_t)arg();
    e->handle = (uint32_t)arg();
    e->data = ptr(arg());
    e->len = (uint32_t)arg();
    e->id = (uint32_t)arg();
    e->reserved = 0;
    __atomic_store_n(&r->ent_tail, tail + 1, __ATOMIC_RELEASE);
    __asm__ volatile("mfence" : : : "memory");
    kick();
}

/* Waits until *p == want, yielding; fails after WAIT_NS. */
static void wait_for(const char *name, const volatile uint32_t *p,
                     uint32_t want)
{
    uint64_t end = solo5_clock_monotonic() + WAIT_NS;

    while (__atomic_load_n(p, __ATOMIC_ACQUIRE) != want) {
        if (solo5_clock_monotonic() > end)
            die("timed out waiting for ", name);
        solo5_yield(solo5_clock_monotonic() + 1000000ULL, NULL);
    }
}

/* One completion: the host's com_tail reaches our com_head + 1 (whatever the
 * field held before); its id and ret must be as given. */
static void cmd_rcom(void)
{
    struct hvt_ring *r = ring_or_die();
    uint64_t id = arg();
    struct hvt_ring_commit c;

    wait_for("com_tail", &r->com_tail, com_head + 1);
    c = r->commits[com_head & HVT_RING_MASK];
    com_head++;
    __atomic_store_n(&r->com_head, com_head, __ATOMIC_RELEASE);
    sayx("commit id=", c.id);
    if (c.id != (uint32_t)id)
        die("completion for another id", "");
    check_ret("commit", c.ret);
}

static void cmd_rset(void)
{
    struct hvt_ring *r = ring_or_die();
    const char *f = word();
    uint32_t v = (uint32_t)arg();

    if (gt_streq(f, "ehead"))
        r->ent_head = v;
    else if (gt_streq(f, "ctail"))
        r->com_tail = v;
    else if (gt_streq(f, "kick"))
        r->needs_kick = v;
    else
        die("rset: unknown field ", f);
    __asm__ volatile("mfence" : : : "memory");
}

static void cmd_rtail(void)
{
    struct hvt_ring *r = ring_or_die();
    uint32_t v = (uint32_t)arg();

    sayx("setting ent_tail to ", v);
    __atomic_store_n(&r->ent_tail, v, __ATOMIC_RELEASE);
    __asm__ volatile("mfence" : : : "memory");
    kick();
}

static void cmd_kicks(void)
{
    uint64_t n = arg();

    for (uint64_t i = 0; i < n; i++)
        out32(HVT_RING_KICK_PIO, (uint32_t)(i * 0x9e3779b9U));
    sayx("kicks sent: ", n);
}

static void cmd_rwait_head(void)
{
    wait_for("ent_head", &ring_or_die()->ent_head, (uint32_t)arg());
}

const struct evil_cmd evil_ring_cmds[] = {
    {"ring-check", ring_check},
    {"ring-none", ring_none},
    {"rsub", cmd_rsub},
    {"rcom", cmd_rcom},
    {"rwait-head", cmd_rwait_head},
    {"rtail", cmd_rtail},
    {"rset", cmd_rset},
    {"kick", kick},
    {"kicks", cmd_kicks},
    {NULL, NULL},
};
