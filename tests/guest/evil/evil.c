/* Guest test evil: a hostile hvt guest running what its command line says. */
#include "guest_test.h"
#include "hvt_abi.h"
#include "mft_abi.h"

/*
 * General registers only: the tests must not depend on the vCPU's SSE state
 * (kvm-pvm fails to emulate SSE instructions of a guest like this). The
 * pragma also drops -mstack-protector-guard=global (canaries would read
 * %fs:0x28), so the functions it would protect are NO_SSP.
 */
#pragma GCC target("general-regs-only")
#define NO_SSP __attribute__((no_stack_protector))

/*
 * The command line is a list of commands separated by "," words, run in
 * order; SUCCESS and exit 0 if all of them return. Values are numbers
 * (decimal or 0x hex, modulo 2^64) or a symbol with an optional +N or -N:
 *   ms (boot info mem_size), ring (net_ring), top (0xffffffff), text (start
 *   of the image, read-only code), msg (a string in read-only data), erodata
 *   (end of read-only data), buf (a 64 KiB writable buffer), frame (a 60-byte
 *   Ethernet frame), roputs and rohalt (valid PUTS and HALT structs, status
 *   44, in read-only data), cap and bs (the block device's capacity and block
 *   size), feat and mr (the block features the tender offers in its
 *   manifest, and its max_request with MFT_BLOCK_F_MULTI, else bs), ehead,
 *   etail, ctail (the ring's indices).
 * Commands (H handle, D data address, L length, =R the ret to expect, where
 * =any accepts OK or AGAIN):
 *   at CALL POS            CALL's valid argument struct at POS (last,
 *                          straddle, past, top, fit or a value); CALL is
 *                          walltime puts poll blkwrite blkread blkflush
 *                          netwrite netread halt (halt exits 42)
 *   puts D L | poll NS | halt COOKIE STATUS
 *   blkread|blkwrite H OFF D L [=R] | blkflush H [=R]
 *   netread|netwrite H D L [=R]
 *   multi                  prints feat and mr; fails without MFT_BLOCK_F_MULTI
 *   hc NR GPA              OUT of GPA to port 0x500 + NR
 *   outb|outw|inb|inw|inl PORT | outl PORT V
 *   routs PORT N V         rep outsl of N (at most 16) words, each roputs's
 *                          address, with EAX = V
 *   mark A                 writes "MARK\n" at A
 *   hlt | triple int3|ud2|pf | mmio read|write|exec A | poke A | spin
 *   ring-check | ring-none | rsub OP H D L ID | rcom ID R | rwait-head N
 *   rtail V | rset ehead|ctail|kick V | kick | kicks N | sleep MS
 *   expect V1 V2           fails unless V1 == V2
 */

#define BLK_H 1 /* "storage", in evil and evil_net */
#define NET_H 2 /* "service0", in evil_net only */
#define MAX_WORDS 256
#define WAIT_NS 10000000000ULL /* ring waits give up after 10 s */

extern char _stext[], _erodata[];

static const struct hvt_boot_info *bi;
static uint64_t ms;
static struct hvt_ring *ring;
static uint64_t cap, bs, feat, mr;
static uint32_t com_head;

static uint8_t buf[0x10000] __attribute__((aligned(4096)));
static uint8_t stack[0x10000] __attribute__((aligned(16)));
static uint64_t pml4[512] __attribute__((aligned(4096)));
static uint64_t pdpt[512] __attribute__((aligned(4096)));
static uint64_t pd[512] __attribute__((aligned(4096)));
static const char msg[] = "evil: hello from PUTS\n";
static const char romsg[] = "evil: PUTS of a read-only struct\n";
/* Argument structs in read-only data: the tender may read them. */
static const struct hvt_hc_puts roputs = {romsg, sizeof romsg - 1};
static const struct hvt_hc_halt rohalt = {NULL, 44, 0};
static uint8_t frame[60] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
                            0x02, 0x00, 0x00, 0x00, 0x00, 0x01,
                            0x88, 0xb5, 'e',  'v',  'i',  'l'};

static char line[HVT_CMDLINE_SIZE];
static char *words[MAX_WORDS];
static int nwords, cur;

/* ---- output ---- */

static void say(const char *s)
{
    gt_puts("evil: ");
    gt_puts(s);
}

static void sayx(const char *s, uint64_t v)
{
    say(s);
    gt_putx(v);
    gt_puts("\n");
}

static void __attribute__((noreturn)) die(const char *why, const char *what)
{
    gt_puts("FAILURE: ");
    gt_puts(why);
    gt_puts(what);
    gt_puts("\n");
    solo5_exit(3);
}

/* ---- raw CPU access ---- */

static inline void out32(uint16_t port, uint32_t v)
{
    __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

static inline void out16(uint16_t port, uint16_t v)
{
    __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

static inline void out8(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

static inline uint32_t in32(uint16_t port)
{
    uint32_t v;

    __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port) : "memory");
    return v;
}

static inline uint16_t in16(uint16_t port)
{
    uint16_t v;

    __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port) : "memory");
    return v;
}

static inline uint8_t in8(uint16_t port)
{
    uint8_t v;

    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port) : "memory");
    return v;
}

/* A hypercall: one 32-bit OUT of the argument's address. */
static void hc(unsigned nr, uint64_t gpa)
{
    out32((uint16_t)HVT_HYPERCALL_PIO(nr), (uint32_t)gpa);
}

static void *ptr(uint64_t v)
{
    return (void *)(uintptr_t)v;
}

/* A constant address the compiler cannot reason about. */
static uint64_t opaque(uint64_t v)
{
    __asm__ volatile("" : "+r"(v));
    return v;
}

/* ---- the command line ---- */

static void split(const char *cmdline)
{
    size_t n = gt_strlen(cmdline);
    char *p = line;

    if (n >= sizeof line)
        die("command line too long", "");
    for (size_t i = 0; i <= n; i++)
        line[i] = cmdline[i];
    while (*p != '\0') {
        while (*p == ' ')
            *p++ = '\0';
        if (*p == '\0')
            break;
        if (nwords == MAX_WORDS)
            die("too many words", "");
        words[nwords++] = p;
        while (*p != '\0' && *p != ' ')
            p++;
    }
}

static const char *word(void)
{
    if (cur >= nwords || gt_streq(words[cur], ","))
        die("missing argument after ", cur > 0 ? words[cur - 1] : "start");
    return words[cur++];
}

/* The next word if it is "=R", else NULL. */
static const char *expectation(void)
{
    if (cur < nwords && words[cur][0] == '=')
        return words[cur++] + 1;
    return NULL;
}

static int number(const char *s, uint64_t *v)
{
    unsigned base = 10;

    *v = 0;
    if (s[0] == '0' && s[1] == 'x') {
        base = 16;
        s += 2;
    }
    if (*s == '\0')
        return 0;
    for (; *s != '\0'; s++) {
        unsigned d;
        if (*s >= '0' && *s <= '9')
            d = (unsigned)(*s - '0');
        else if (base == 16 && *s >= 'a' && *s <= 'f')
            d = (unsigned)(*s - 'a' + 10);
        else
            return 0;
        *v = *v * base + d;
    }
    return 1;
}

static struct hvt_ring *ring_or_die(void)
{
    if (ring == NULL)
        die("no ring offered", "");
    return ring;
}

/* The named values of the command line; ring fields are read now. */
NO_SSP static int symbol(const char *s, size_t n, uint64_t *v)
{
    const struct hvt_ring *r = ring;
    const struct {
        const char *name;
        uint64_t v;
        int ring; /* names a ring field: needs the ring */
    } syms[] = {
        {"ms", ms, 0},
        {"ring", (uintptr_t)bi->net_ring, 0},
        {"top", 0xffffffffULL, 0},
        {"text", (uintptr_t)_stext, 0},
        {"msg", (uintptr_t)msg, 0},
        {"erodata", (uintptr_t)_erodata, 0},
        {"buf", (uintptr_t)buf, 0},
        {"frame", (uintptr_t)frame, 0},
        {"roputs", (uintptr_t)&roputs, 0},
        {"rohalt", (uintptr_t)&rohalt, 0},
        {"cap", cap, 0},
        {"bs", bs, 0},
        {"feat", feat, 0},
        {"mr", mr, 0},
        {"ehead", r ? __atomic_load_n(&r->ent_head, __ATOMIC_ACQUIRE) : 0, 1},
        {"etail", r ? r->ent_tail : 0, 1},
        {"ctail", r ? __atomic_load_n(&r->com_tail, __ATOMIC_ACQUIRE) : 0, 1},
    };

    for (unsigned i = 0; i < sizeof syms / sizeof syms[0]; i++) {
        size_t k = 0;
        while (k < n && syms[i].name[k] == s[k])
            k++;
        if (k != n || syms[i].name[n] != '\0')
            continue;
        if (syms[i].ring)
            (void)ring_or_die();
        *v = syms[i].v;
        return 1;
    }
    return 0;
}

/* A value: a number, or a symbol with an optional +N or -N. */
NO_SSP static uint64_t value(const char *s)
{
    size_t n = 0;
    uint64_t base, off;

    if (number(s, &base))
        return base;
    while (s[n] != '\0' && s[n] != '+' && s[n] != '-')
        n++;
    if (!symbol(s, n, &base))
        die("bad value: ", s);
    if (s[n] == '\0')
        return base;
    if (!number(s + n + 1, &off))
        die("bad value: ", s);
    return s[n] == '+' ? base + off : base - off;
}

static uint64_t arg(void)
{
    return value(word());
}

/* Prints "evil: NAME ret=R" and checks R against =R, if given. */
NO_SSP static void check_ret(const char *name, int32_t ret)
{
    const char *want = expectation();
    uint64_t w;

    say(name);
    gt_puts(" ret=");
    gt_putu((uint32_t)ret);
    gt_puts("\n");
    if (want == NULL)
        return;
    if (gt_streq(want, "any")) {
        if (ret != SOLO5_R_OK && ret != SOLO5_R_AGAIN)
            die("want OK or AGAIN from ", name);
        return;
    }
    if (!number(want, &w) || (uint64_t)(uint32_t)ret != w)
        die("unexpected ret from ", name);
}

/* ---- hypercalls on crafted arguments ---- */

struct call {
    const char *name;
    unsigned nr, size;
};

static const struct call calls[] = {
    {"walltime", HVT_HYPERCALL_WALLTIME, sizeof(struct hvt_hc_walltime)},
    {"puts", HVT_HYPERCALL_PUTS, sizeof(struct hvt_hc_puts)},
    {"poll", HVT_HYPERCALL_POLL, sizeof(struct hvt_hc_poll)},
    {"blkwrite", HVT_HYPERCALL_BLOCK_WRITE, sizeof(struct hvt_hc_block)},
    {"blkread", HVT_HYPERCALL_BLOCK_READ, sizeof(struct hvt_hc_block)},
    {"blkflush", HVT_HYPERCALL_BLOCK_FLUSH, sizeof(struct hvt_hc_block_flush)},
    {"netwrite", HVT_HYPERCALL_NET_WRITE, sizeof(struct hvt_hc_net)},
    {"netread", HVT_HYPERCALL_NET_READ, sizeof(struct hvt_hc_net)},
    {"halt", HVT_HYPERCALL_HALT, sizeof(struct hvt_hc_halt)},
};

union args {
    struct hvt_hc_walltime wt;
    struct hvt_hc_puts p;
    struct hvt_hc_poll po;
    struct hvt_hc_block b;
    struct hvt_hc_block_flush bf;
    struct hvt_hc_net n;
    struct hvt_hc_halt h;
    uint8_t bytes[40];
};

/* A valid argument struct for call nr. */
static void fill(unsigned nr, union args *a)
{
    switch (nr) {
    case HVT_HYPERCALL_PUTS:
        a->p = (struct hvt_hc_puts){.data = msg, .len = sizeof msg - 1};
        break;
    case HVT_HYPERCALL_BLOCK_WRITE:
    case HVT_HYPERCALL_BLOCK_READ:
        a->b = (struct hvt_hc_block){
            .handle = BLK_H, .data = buf, .len = 512, .ret = -1};
        break;
    case HVT_HYPERCALL_BLOCK_FLUSH:
        a->bf = (struct hvt_hc_block_flush){.handle = BLK_H, .ret = -1};
        break;
    case HVT_HYPERCALL_NET_WRITE:
        a->n = (struct hvt_hc_net){
            .handle = NET_H, .data = frame, .len = sizeof frame, .ret = -1};
        break;
    case HVT_HYPERCALL_NET_READ:
        a->n = (struct hvt_hc_net){
            .handle = NET_H, .data = buf, .len = 2048, .ret = -1};
        break;
    case HVT_HYPERCALL_HALT:
        a->h = (struct hvt_hc_halt){.cookie = NULL, .exit_status = 42};
        break;
    default:
        break;
    }
}

/* Whether the guest can write gpa itself: mapped writable by the tender's
 * page tables and writable on the host. */
static int guest_writable(uint64_t gpa)
{
    return gpa >= HVT_GUEST_MIN_BASE && gpa < ms &&
           !(gpa >= (uintptr_t)_stext && gpa < (uintptr_t)_erodata);
}

NO_SSP static void cmd_at(void)
{
    const char *name = word(), *pos = word();
    const struct call *c = NULL;
    union args a = {0};
    uint64_t gpa;

    for (unsigned i = 0; i < sizeof calls / sizeof calls[0]; i++)
        if (gt_streq(name, calls[i].name))
            c = &calls[i];
    if (c == NULL)
        die("unknown call: ", name);
    if (gt_streq(pos, "last"))
        gpa = ms - 1;
    else if (gt_streq(pos, "straddle"))
        gpa = ms - c->size / 2;
    else if (gt_streq(pos, "past"))
        gpa = ms;
    else if (gt_streq(pos, "top"))
        gpa = 0xffffffffULL;
    else if (gt_streq(pos, "fit"))
        gpa = ms - c->size;
    else
        gpa = value(pos);
    fill(c->nr, &a);
    /* As much of the struct as lies in memory the guest may write. */
    for (unsigned i = 0; i < c->size && guest_writable(gpa + i); i++)
        ((volatile uint8_t *)ptr(gpa))[i] = a.bytes[i];
    say(name);
    gt_puts(" struct at ");
    gt_putx(gpa);
    gt_puts("\n");
    hc(c->nr, gpa);
    say(name);
    gt_puts(" returned");
    if (guest_writable(gpa) && guest_writable(gpa + c->size - 1)) {
        for (unsigned i = 0; i < c->size; i++)
            a.bytes[i] = ((volatile uint8_t *)ptr(gpa))[i];
        if (c->nr == HVT_HYPERCALL_WALLTIME)
            gt_puts(a.wt.nsecs != 0 ? ", time set" : ", time NOT set");
        if (c->nr == HVT_HYPERCALL_BLOCK_READ ||
            c->nr == HVT_HYPERCALL_BLOCK_WRITE) {
            gt_puts(", ret=");
            gt_putu((uint32_t)a.b.ret);
        }
        if (c->nr == HVT_HYPERCALL_BLOCK_FLUSH) {
            gt_puts(", ret=");
            gt_putu((uint32_t)a.bf.ret);
        }
        if (c->nr == HVT_HYPERCALL_NET_READ ||
            c->nr == HVT_HYPERCALL_NET_WRITE) {
            gt_puts(", ret=");
            gt_putu((uint32_t)a.n.ret);
        }
    }
    gt_puts("\n");
}

static void cmd_puts(void)
{
    static struct hvt_hc_puts p;

    p.data = ptr(arg());
    p.len = arg();
    hc(HVT_HYPERCALL_PUTS, (uintptr_t)&p);
    gt_puts("\n");
    say("puts returned\n");
}

static void cmd_poll(void)
{
    static struct hvt_hc_poll p;

    p.timeout_nsecs = arg();
    p.ret = -1;
    hc(HVT_HYPERCALL_POLL, (uintptr_t)&p);
    sayx("poll returned, ready_set=", p.ready_set);
}

static void cmd_halt(void)
{
    static struct hvt_hc_halt h;

    h.cookie = ptr(arg());
    h.exit_status = (int32_t)arg();
    hc(HVT_HYPERCALL_HALT, (uintptr_t)&h);
    say("halt returned\n");
}

static void cmd_blk(const char *name, unsigned nr)
{
    static struct hvt_hc_block b;

    b.handle = arg();
    b.offset = arg();
    b.data = ptr(arg());
    b.len = arg();
    b.ret = -1;
    hc(nr, (uintptr_t)&b);
    check_ret(name, b.ret);
}

static void cmd_blkflush(void)
{
    static struct hvt_hc_block_flush f;

    f.handle = arg();
    f.ret = -1;
    hc(HVT_HYPERCALL_BLOCK_FLUSH, (uintptr_t)&f);
    check_ret("blkflush", f.ret);
}

static void cmd_multi(void)
{
    sayx("block features=", feat);
    sayx("block max_request=", mr);
    if (!(feat & MFT_BLOCK_F_MULTI))
        die("the tender does not offer MFT_BLOCK_F_MULTI", "");
}

static void cmd_net(const char *name, unsigned nr)
{
    static struct hvt_hc_net n;

    n.handle = arg();
    n.data = ptr(arg());
    n.len = arg();
    n.ret = -1;
    hc(nr, (uintptr_t)&n);
    check_ret(name, n.ret);
}

static void cmd_mark(void)
{
    static const char mark[] = "MARK\n";
    uint64_t a = arg();

    for (unsigned i = 0; i < sizeof mark - 1; i++)
        ((volatile char *)ptr(a))[i] = mark[i];
}

/* ---- CPU misbehaviour ---- */

/* An IDT of limit 0: the next exception cannot be delivered, nor the #DF
 * that follows, and the CPU shuts down. */
static void cmd_triple(void)
{
    static const struct __attribute__((packed)) {
        uint16_t limit;
        uint64_t base;
    } idtr = {0, 0};
    const char *how = word();

    say("loading an empty IDT, then ");
    gt_puts(how);
    gt_puts("\n");
    __asm__ volatile("lidt %0" : : "m"(idtr) : "memory");
    if (gt_streq(how, "int3"))
        __asm__ volatile("int3" : : : "memory");
    else if (gt_streq(how, "ud2"))
        __asm__ volatile("ud2" : : : "memory");
    else if (gt_streq(how, "pf"))
        *(volatile uint64_t *)ptr(opaque(1ULL << 34)) = 1;
    else
        die("triple: unknown fault ", how);
}

/* Own page tables: the first GiB identity-mapped in 2 MiB pages, so
 * addresses above guest memory are mapped, and accesses there reach the
 * hypervisor as MMIO. */
static void map_first_gib(void)
{
    for (uint64_t i = 0; i < 512; i++)
        pd[i] = i << 21 | 0x83; /* P RW PS */
    pdpt[0] = (uintptr_t)pd | 0x3;
    pml4[0] = (uintptr_t)pdpt | 0x3;
    __asm__ volatile("mov %0, %%cr3" : : "r"((uintptr_t)pml4) : "memory");
}

static void cmd_mmio(void)
{
    const char *how = word();
    uint64_t a = arg();

    if (a >= 1ULL << 30)
        die("mmio: address must be below 1 GiB", "");
    map_first_gib();
    sayx("own page tables loaded, touching ", a);
    if (gt_streq(how, "write"))
        *(volatile uint32_t *)ptr(a) = 0x12345678;
    else if (gt_streq(how, "read"))
        sayx("read ", *(volatile uint32_t *)ptr(a));
    else if (gt_streq(how, "exec"))
        gt_call((uintptr_t)a);
    else
        die("mmio: unknown access ", how);
}

/* A write to read-only image memory: the host page refuses it. */
static void cmd_poke(void)
{
    volatile uint8_t *p = ptr(arg());

    sayx("writing to ", (uintptr_t)p);
    *p = (uint8_t)(*p ^ 0xff);
    say("the write went through\n");
}

static void __attribute__((noreturn)) cmd_spin(void)
{
    say("spinning\n");
    for (;;)
        __asm__ volatile("pause" : : : "memory");
}

static void cmd_sleep(void)
{
    uint64_t until = solo5_clock_monotonic() + arg() * 1000000ULL;

    while (solo5_clock_monotonic() < until)
        solo5_yield(until, NULL);
}

/* ---- the network ring ---- */

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

static void cmd_expect(void)
{
    uint64_t a = arg(), b = arg();

    if (a != b) {
        sayx("got ", a);
        sayx("want ", b);
        die("expect: values differ", "");
    }
}

/* A string OUT: rep outsl of N copies of roputs's address, EAX = V. */
static void cmd_routs(void)
{
    static uint32_t src[16];
    uint64_t port = arg(), n = arg(), v = arg();
    const uint32_t *p = src;

    if (n > sizeof src / sizeof src[0])
        die("routs: at most 16 words", "");
    for (uint64_t i = 0; i < n; i++)
        src[i] = (uint32_t)(uintptr_t)&roputs;
    __asm__ volatile("cld; rep outsl"
                     : "+S"(p), "+c"(n)
                     : "d"((uint16_t)port), "a"((uint32_t)v)
                     : "memory");
    sayx("routs: left ", n);
}

/* ---- main ---- */

static void run_one(const char *c)
{
    if (gt_streq(c, "at"))
        cmd_at();
    else if (gt_streq(c, "puts"))
        cmd_puts();
    else if (gt_streq(c, "poll"))
        cmd_poll();
    else if (gt_streq(c, "halt"))
        cmd_halt();
    else if (gt_streq(c, "blkread"))
        cmd_blk(c, HVT_HYPERCALL_BLOCK_READ);
    else if (gt_streq(c, "blkwrite"))
        cmd_blk(c, HVT_HYPERCALL_BLOCK_WRITE);
    else if (gt_streq(c, "blkflush"))
        cmd_blkflush();
    else if (gt_streq(c, "multi"))
        cmd_multi();
    else if (gt_streq(c, "netread"))
        cmd_net(c, HVT_HYPERCALL_NET_READ);
    else if (gt_streq(c, "netwrite"))
        cmd_net(c, HVT_HYPERCALL_NET_WRITE);
    else if (gt_streq(c, "hc")) {
        uint64_t nr = arg(), gpa = arg();
        hc((unsigned)nr, gpa);
        say("hypercall returned\n");
    } else if (gt_streq(c, "outb"))
        out8((uint16_t)arg(), 0);
    else if (gt_streq(c, "outw"))
        out16((uint16_t)arg(), 0);
    else if (gt_streq(c, "outl")) {
        uint64_t port = arg(), v = arg();
        out32((uint16_t)port, (uint32_t)v);
    } else if (gt_streq(c, "routs"))
        cmd_routs();
    else if (gt_streq(c, "inb"))
        sayx("inb: ", in8((uint16_t)arg()));
    else if (gt_streq(c, "inw"))
        sayx("inw: ", in16((uint16_t)arg()));
    else if (gt_streq(c, "inl"))
        sayx("inl: ", in32((uint16_t)arg()));
    else if (gt_streq(c, "mark"))
        cmd_mark();
    else if (gt_streq(c, "hlt"))
        __asm__ volatile("hlt" : : : "memory");
    else if (gt_streq(c, "triple"))
        cmd_triple();
    else if (gt_streq(c, "mmio"))
        cmd_mmio();
    else if (gt_streq(c, "poke"))
        cmd_poke();
    else if (gt_streq(c, "spin"))
        cmd_spin();
    else if (gt_streq(c, "sleep"))
        cmd_sleep();
    else if (gt_streq(c, "ring-check"))
        ring_check();
    else if (gt_streq(c, "ring-none"))
        ring_none();
    else if (gt_streq(c, "rsub"))
        cmd_rsub();
    else if (gt_streq(c, "rcom"))
        cmd_rcom();
    else if (gt_streq(c, "rwait-head"))
        wait_for("ent_head", &ring_or_die()->ent_head, (uint32_t)arg());
    else if (gt_streq(c, "rtail"))
        cmd_rtail();
    else if (gt_streq(c, "rset"))
        cmd_rset();
    else if (gt_streq(c, "kick"))
        kick();
    else if (gt_streq(c, "kicks"))
        cmd_kicks();
    else if (gt_streq(c, "expect"))
        cmd_expect();
    else
        die("unknown command: ", c);
}

static const char *cmdline;

/* Runs on its own stack: the top of guest memory is free for the tests. */
NO_SSP static void __attribute__((noreturn, used)) run(void)
{
    struct solo5_block_info info;
    solo5_handle_t h;

    gt_banner("evil");
    bi = ptr(opaque(HVT_BOOT_INFO_BASE));
    ms = bi->mem_size;
    if ((bi->host_features & HVT_FEATURE_RING_IO) && bi->net_ring != NULL)
        ring = bi->net_ring;
    if (solo5_block_acquire("storage", &h, &info) == SOLO5_R_OK) {
        const struct mft *m = bi->mft;
        cap = info.capacity;
        bs = info.block_size;
        feat = m->e[h].u.block_basic.features;
        mr = feat & MFT_BLOCK_F_MULTI ? m->e[h].u.block_basic.max_request : bs;
    }
    say("mem_size=");
    gt_putx(ms);
    gt_puts(" net_ring=");
    gt_putx((uintptr_t)bi->net_ring);
    gt_puts(" host_features=");
    gt_putx(bi->host_features);
    gt_puts("\n");
    split(cmdline);
    while (cur < nwords) {
        const char *c = words[cur++];
        if (!gt_streq(c, ","))
            run_one(c);
    }
    solo5_exit(gt_success());
}

int solo5_app_main(const struct solo5_start_info *si)
{
    cmdline = si->cmdline;
    __asm__ volatile("mov %0, %%rsp\n\tcall *%1\n\tud2"
                     :
                     : "r"(stack + sizeof stack), "r"(run)
                     : "memory");
    __builtin_unreachable();
}
