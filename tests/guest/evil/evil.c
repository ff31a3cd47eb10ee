/* Guest test evil: a hostile hvt guest running what its command line says. */
#include "evil.h"

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

#define MAX_WORDS 256

const struct hvt_boot_info *bi;
uint64_t ms;
struct hvt_ring *ring;
uint64_t feat, mr;
static uint64_t cap, bs; /* the block device's capacity and block size */

static uint8_t stack[0x10000] __attribute__((aligned(16)));
static char line[HVT_CMDLINE_SIZE];
static char *words[MAX_WORDS];
static int nwords, cur;

/* ---- the command line ---- */

/* Splits the command line into words at spaces. */
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

const char *word(void)
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

/* Reads a whole number, decimal or 0x hex; 0 if s is not one. */
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

struct hvt_ring *ring_or_die(void)
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

NO_SSP uint64_t value(const char *s)
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

uint64_t arg(void)
{
    return value(word());
}

NO_SSP void check_ret(const char *name, int32_t ret)
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

/* ---- commands of no part ---- */

static void cmd_expect(void)
{
    uint64_t a = arg(), b = arg();

    if (a != b) {
        sayx("got ", a);
        sayx("want ", b);
        die("expect: values differ", "");
    }
}

static void cmd_sleep(void)
{
    uint64_t until = solo5_clock_monotonic() + arg() * 1000000ULL;

    while (solo5_clock_monotonic() < until)
        solo5_yield(until, NULL);
}

static const struct evil_cmd own_cmds[] = {
    {"expect", cmd_expect},
    {"sleep", cmd_sleep},
    {NULL, NULL},
};

/* ---- main ---- */

/* The command named c, from the lists of every part. */
static const struct evil_cmd *command(const char *c)
{
    const struct evil_cmd *const lists[] = {own_cmds, evil_call_cmds,
                                            evil_cpu_cmds, evil_ring_cmds};

    for (unsigned i = 0; i < sizeof lists / sizeof lists[0]; i++)
        for (const struct evil_cmd *e = lists[i]; e->name != NULL; e++)
            if (gt_streq(c, e->name))
                return e;
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
            command(c)->run();
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
