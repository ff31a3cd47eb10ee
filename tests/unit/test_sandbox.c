/* Unit tests of the seccomp compiler, run in a BPF interpreter. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common_module.h"

#define MAX_INSNS BPF_MAXINSNS
#define X32_BIT sandbox_nr_limit

/* ---- a classic BPF interpreter for the instructions the compiler emits ----
 */

static uint32_t load_word(const struct seccomp_data *d, uint32_t k)
{
    uint32_t w;

    if (k % 4 != 0 || k + 4 > sizeof *d)
        fail_msg("load from offset %u of seccomp_data", k);
    memcpy(&w, (const uint8_t *)d + k, 4);
    return w;
}

/* True if the conditional jump code takes its true branch for a and k. */
static bool jump_taken(uint16_t code, uint32_t a, uint32_t k)
{
    switch (BPF_OP(code)) {
    case BPF_JEQ:
        return a == k;
    case BPF_JGT:
        return a > k;
    case BPF_JGE:
        return a >= k;
    case BPF_JSET:
        return (a & k) != 0;
    default:
        fail_msg("unexpected jump opcode 0x%x", code);
    }
    return false;
}

/* The machine: accumulator, index register, scratch words and whether each
 * was stored (the kernel's checker refuses a load of an unstored one). */
struct bpf_state {
    uint32_t a, x, mem[BPF_MEMWORDS];
    bool stored[BPF_MEMWORDS];
};

static uint32_t mem_load(const struct bpf_state *s, uint32_t k)
{
    if (k >= BPF_MEMWORDS || !s->stored[k])
        fail_msg("load of scratch word %u before a store", k);
    return s->mem[k];
}

static void mem_store(struct bpf_state *s, uint32_t k, uint32_t v)
{
    if (k >= BPF_MEMWORDS)
        fail_msg("store to scratch word %u", k);
    s->mem[k] = v;
    s->stored[k] = true;
}

/* Runs one non-jump, non-return instruction; false if it is none of those
 * the compiler may emit. */
static bool run_insn(const struct sock_filter *i, struct bpf_state *s,
                     const struct seccomp_data *d)
{
    switch (i->code) {
    case BPF_LD | BPF_W | BPF_ABS:
        s->a = load_word(d, i->k);
        return true;
    case BPF_LD | BPF_IMM:
        s->a = i->k;
        return true;
    case BPF_LDX | BPF_W | BPF_MEM:
        s->x = mem_load(s, i->k);
        return true;
    case BPF_ST:
        mem_store(s, i->k, s->a);
        return true;
    case BPF_MISC | BPF_TAX:
        s->x = s->a;
        return true;
    case BPF_MISC | BPF_TXA:
        s->a = s->x;
        return true;
    case BPF_ALU | BPF_ADD | BPF_X:
        s->a += s->x;
        return true;
    case BPF_ALU | BPF_SUB | BPF_X:
        s->a -= s->x;
        return true;
    }
    return false;
}

/* Runs prog on d like the kernel would; fails the test on anything the
 * kernel's checker would refuse (unknown opcode, jump out, no return). */
static uint32_t run_bpf(const struct sock_filter *prog, int len,
                        const struct seccomp_data *d)
{
    struct bpf_state s = {0};

    assert_true(len > 0 && len <= MAX_INSNS);
    for (int pc = 0; pc < len;) {
        const struct sock_filter *i = &prog[pc];
        if (run_insn(i, &s, d)) {
            pc++;
        } else if (i->code == (BPF_RET | BPF_K)) {
            return i->k;
        } else if (i->code == (BPF_JMP | BPF_JA)) {
            pc += 1 + (int)i->k;
        } else if (BPF_CLASS(i->code) == BPF_JMP) {
            uint32_t k = BPF_SRC(i->code) == BPF_X ? s.x : i->k;
            pc += 1 + (jump_taken(i->code, s.a, k) ? i->jt : i->jf);
        } else {
            fail_msg("unexpected opcode 0x%x at %d", i->code, pc);
        }
        if (pc >= len)
            fail_msg("jump past the end of the program");
    }
    fail_msg("program ends without a return");
    return 0;
}

/* ---- what a rule set means, stated directly ---- */

static bool arg_holds(const struct sandbox_rule *r, unsigned i,
                      const struct seccomp_data *d)
{
    uint64_t a = d->args[r->arg[i].index], v = r->arg[i].value;
    uint64_t b = d->args[r->arg[i].other];
    const struct sandbox_op *op = r->arg[i].op;

    if (op == SANDBOX_EQ)
        return a == v;
    if (op == SANDBOX_LE)
        return a <= v;
    if (op == SANDBOX_GE)
        return a >= v;
    if (op == SANDBOX_MASK0)
        return (a & v) == 0;
    if (op == SANDBOX_SUM_LE) /* in 128 bits: no wrap */
        return (unsigned __int128)a + b <= v;
    fail_msg("unknown op %p", (const void *)op);
    return false;
}

static bool model_allows(const struct sandbox *sb, const struct seccomp_data *d)
{
    if (d->arch != sandbox_audit_arch ||
        (sandbox_nr_limit != 0 && (uint32_t)d->nr >= sandbox_nr_limit))
        return false;
    for (unsigned r = 0; r < sb->nrules; r++) {
        bool ok = sb->rules[r].nr == d->nr;
        for (unsigned i = 0; ok && i < sb->rules[r].nargs; i++)
            ok = arg_holds(&sb->rules[r], i, d);
        if (ok)
            return true;
    }
    return false;
}

/* ---- checking one rule set ---- */

static struct sock_filter prog[MAX_INSNS];

static int compile(const struct sandbox *sb)
{
    int len = sandbox_compile(sb, prog, MAX_INSNS);

    assert_true(len > 0);
    return len;
}

static uint32_t verdict(const struct sandbox *sb, const struct seccomp_data *d)
{
    return run_bpf(prog, compile(sb), d);
}

static void expect(const struct sandbox *sb, const struct seccomp_data *d,
                   uint32_t want, const char *what)
{
    uint32_t got = verdict(sb, d);

    if (got != want)
        fail_msg("%s: nr %d args %#llx %#llx %#llx %#llx: got %#x, want %#x",
                 what, d->nr, (unsigned long long)d->args[0],
                 (unsigned long long)d->args[1], (unsigned long long)d->args[2],
                 (unsigned long long)d->args[3], got, want);
}

/* The call rule r of sb allows: every argument at its bound (an upper one
 * where it has one), then each SUM_LE argument as large as its sum allows. */
static struct seccomp_data call_of(const struct sandbox_rule *r)
{
    struct seccomp_data d = {.nr = r->nr, .arch = sandbox_audit_arch};

    for (unsigned i = 0; i < r->nargs; i++)
        if (r->arg[i].op == SANDBOX_GE)
            d.args[r->arg[i].index] = r->arg[i].value;
    for (unsigned i = 0; i < r->nargs; i++)
        if (r->arg[i].op == SANDBOX_EQ || r->arg[i].op == SANDBOX_LE)
            d.args[r->arg[i].index] = r->arg[i].value;
    for (unsigned i = 0; i < r->nargs; i++) {
        __u64 *b = &d.args[r->arg[i].other];
        if (r->arg[i].op != SANDBOX_SUM_LE)
            continue;
        if (*b > r->arg[i].value) /* a bound below the other's: all of it */
            *b = r->arg[i].value;
        d.args[r->arg[i].index] = r->arg[i].value - *b;
    }
    return d;
}

/* Changes of argument i of rule r, from call d, that probe its condition:
 * n of them in out; the model says which the rule must refuse. */
static unsigned probe_values(const struct sandbox_rule *r, unsigned i,
                             const struct seccomp_data *d, uint64_t *out)
{
    uint64_t v = r->arg[i].value, a = d->args[r->arg[i].index];
    uint64_t b = d->args[r->arg[i].other];
    unsigned n = 0;

    out[n++] = a + 1;
    out[n++] = a - 1;
    out[n++] = a ^ (1ULL << 32); /* same low word */
    out[n++] = a ^ (1ULL << 63);
    out[n++] = a ^ 1;
    out[n++] = 0;
    out[n++] = UINT64_MAX;
    out[n++] = v;
    out[n++] = v + 1;
    out[n++] = v - 1;
    out[n++] = v | 0xFFFFFFFF;            /* same high word, low above */
    out[n++] = v & 0xFFFFFFFF00000000ULL; /* same high word, low 0 */
    out[n++] = v + (1ULL << 32);          /* same low word, high above */
    out[n++] = v - (1ULL << 32);          /* same low word, high below */
    out[n++] = ((v >> 32) - 1) << 32 | 0xFFFFFFFF; /* high word below */
    if (r->arg[i].op == SANDBOX_SUM_LE) {
        out[n++] = v - b;                /* the sum at the bound */
        out[n++] = v - b + 1;            /* one past it */
        out[n++] = 0 - b;                /* the sum wraps to 0 */
        out[n++] = v - b + (1ULL << 32); /* only the high word past */
        out[n++] = (v - b) | 0xFFFFFFFF;
    }
    if (r->arg[i].op == SANDBOX_MASK0) {
        out[n++] = a | (v & (0 - v)); /* the lowest bit of v set */
        out[n++] = a | v;
    }
    return n;
}

/* Every rule of sb: its call is allowed, each changed argument, nr, arch,
 * and the x32 bit is killed, and the model agrees throughout. */
static void check_rules(const struct sandbox *sb)
{
    for (unsigned r = 0; r < sb->nrules; r++) {
        const struct sandbox_rule *rule = &sb->rules[r];
        struct seccomp_data d = call_of(rule), m;
        uint64_t vals[32];

        assert_true(model_allows(sb, &d));
        expect(sb, &d, SECCOMP_RET_ALLOW, "the allowed call");
        m = d;
        m.arch = AUDIT_ARCH_I386;
        expect(sb, &m, SECCOMP_RET_KILL_PROCESS, "another arch");
        m = d;
        m.nr = (int)((uint32_t)d.nr | X32_BIT);
        expect(sb, &m, SECCOMP_RET_KILL_PROCESS, "the x32 bit");
        m = d;
        m.nr = d.nr + 1000;
        expect(sb, &m, SECCOMP_RET_KILL_PROCESS, "another syscall");
        for (unsigned i = 0; i < rule->nargs; i++) {
            unsigned idx = rule->arg[i].index;
            unsigned n = probe_values(rule, i, &d, vals);
            for (unsigned j = 0; j < n; j++) {
                m = d;
                m.args[idx] = vals[j];
                expect(sb, &m,
                       model_allows(sb, &m) ? SECCOMP_RET_ALLOW
                                            : SECCOMP_RET_KILL_PROCESS,
                       "a changed argument");
            }
        }
    }
}

/* Random calls built from the values the rules name: BPF == model. */
static void check_random(const struct sandbox *sb, unsigned rounds)
{
    uint64_t pool[128];
    unsigned n = 0;

    pool[n++] = 0;
    pool[n++] = UINT64_MAX;
    for (unsigned r = 0; r < sb->nrules && n + 7 <= 128; r++)
        for (unsigned i = 0; i < sb->rules[r].nargs && n + 7 <= 128; i++) {
            uint64_t v = sb->rules[r].arg[i].value;
            pool[n++] = v;
            pool[n++] = v + 1;
            pool[n++] = v - 1;
            pool[n++] = v ^ (1ULL << 32);
            pool[n++] = v >> 1;
            pool[n++] = 0 - v;
            pool[n++] = v - 0x100000; /* a sum bound less a request */
        }
    srand(1);
    for (unsigned k = 0; k < rounds; k++) {
        const struct sandbox_rule *r =
            &sb->rules[(unsigned)rand() % sb->nrules];
        struct seccomp_data d = {.nr = r->nr, .arch = sandbox_audit_arch};
        for (unsigned a = 0; a < 6; a++)
            d.args[a] = pool[(unsigned)rand() % n];
        expect(sb, &d,
               model_allows(sb, &d) ? SECCOMP_RET_ALLOW
                                    : SECCOMP_RET_KILL_PROCESS,
               "a random call");
    }
}

/* Every syscall number up to 1023, and some past the limit: BPF == model
 * (the dispatch's search must find each allowed one and no other). */
static void check_numbers(const struct sandbox *sb)
{
    static const uint32_t far[] = {0x3fffffff, 0x40000000, 0x7fffffff,
                                   0xffffffff};
    struct seccomp_data d = {.arch = sandbox_audit_arch};

    for (uint32_t i = 0; i < 1024 + 4; i++) {
        d.nr = (int)(i < 1024 ? i : far[i - 1024]);
        expect(sb, &d,
               model_allows(sb, &d) ? SECCOMP_RET_ALLOW
                                    : SECCOMP_RET_KILL_PROCESS,
               "a syscall number");
    }
}

/* ---- the table ---- */

#define EQ SANDBOX_EQ
#define LE SANDBOX_LE
#define GE SANDBOX_GE
#define MASK0 SANDBOX_MASK0
#define SUM_LE SANDBOX_SUM_LE

static void set_single_eq(struct sandbox *sb)
{
    sandbox_allow(sb, 1, 1, 0u, EQ, (uint64_t)1); /* write to stdout */
}

static void set_no_args(struct sandbox *sb)
{
    sandbox_allow(sb, 231, 0); /* exit_group */
}

/* The spt core: several rules per syscall, fds as the tender has them. */
static void set_spt_core(struct sandbox *sb)
{
    sandbox_allow(sb, 1, 1, 0u, EQ, (uint64_t)1);
    sandbox_allow(sb, 231, 0);
    sandbox_allow(sb, 281, 1, 0u, EQ, (uint64_t)4);
    sandbox_allow(sb, 286, 1, 0u, EQ, (uint64_t)5);
    sandbox_allow(sb, 228, 1, 0u, EQ, (uint64_t)1);
    sandbox_allow(sb, 228, 1, 0u, EQ, (uint64_t)0);
    sandbox_allow(sb, 158, 1, 0u, EQ, (uint64_t)0x1002);
    sandbox_allow(sb, 0, 1, 0u, EQ, (uint64_t)7);
    sandbox_allow(sb, 1, 1, 0u, EQ, (uint64_t)7);
}

/* Block rules: three conditions, a bound above 4 GiB and one below. */
static void set_block(struct sandbox *sb)
{
    sandbox_allow(sb, 17, 3, 0u, EQ, (uint64_t)6, 2u, EQ, (uint64_t)512, 3u, LE,
                  (uint64_t)0x17ffffe00);
    sandbox_allow(sb, 18, 3, 0u, EQ, (uint64_t)6, 2u, EQ, (uint64_t)512, 3u, LE,
                  (uint64_t)0x17ffffe00);
    sandbox_allow(sb, 17, 3, 0u, EQ, (uint64_t)8, 2u, EQ, (uint64_t)4096, 3u,
                  LE, (uint64_t)0xff000);
}

/* Values whose words sit at the edges, in the last argument slot. */
static void set_edges(struct sandbox *sb)
{
    sandbox_allow(sb, 9, 2, 5u, EQ, (uint64_t)0xFFFFFFFF00000000ULL, 4u, LE,
                  (uint64_t)0xFFFFFFFFULL);
    sandbox_allow(sb, 10, 1, 1u, LE, (uint64_t)0x100000000ULL);
    sandbox_allow(sb, 11, 1, 2u, LE, (uint64_t)0);
    sandbox_allow(sb, 12, 1, 3u, EQ, UINT64_MAX);
    sandbox_allow(sb, 13, 1, 0u, LE, UINT64_MAX);
}

/* Multi-block rules as the tenders make them: fd, a length that is a
 * multiple of the block size from one block to the maximum, an aligned
 * offset and offset + length within the capacity (above and below 4 GiB). */
static void multi(struct sandbox *sb, int nr, uint64_t fd, uint64_t bs,
                  uint64_t cap)
{
    sandbox_allow(sb, nr, 6, 0u, EQ, fd, 2u, MASK0, bs - 1, 2u, GE, bs, 2u, LE,
                  (uint64_t)0x100000, 3u, MASK0, bs - 1, 3u, SUM_LE, 2u, cap);
}

static void set_block_multi(struct sandbox *sb)
{
    multi(sb, 17, 6, 512, 0x17ffffe00);
    multi(sb, 18, 6, 512, 0x17ffffe00);
    multi(sb, 17, 8, 4096, 0xff000);
    multi(sb, 18, 9, 32768, 0x100000000ULL);
    sandbox_allow(sb, 75, 1, 0u, EQ, (uint64_t)6);
}

/* The new conditions with values whose words sit at the edges. */
static void set_new_edges(struct sandbox *sb)
{
    sandbox_allow(sb, 20, 1, 1u, GE, (uint64_t)0x100000000ULL);
    sandbox_allow(sb, 21, 1, 1u, GE, UINT64_MAX);
    sandbox_allow(sb, 22, 1, 1u, GE, (uint64_t)0);
    sandbox_allow(sb, 23, 1, 4u, GE, (uint64_t)0xFFFFFFFF);
    sandbox_allow(sb, 24, 1, 1u, MASK0, UINT64_MAX);
    sandbox_allow(sb, 25, 1, 1u, MASK0, (uint64_t)0xFFFFFFFF00000001ULL);
    sandbox_allow(sb, 26, 1, 5u, MASK0, (uint64_t)0);
    sandbox_allow(sb, 27, 1, 0u, SUM_LE, 1u, UINT64_MAX);
    sandbox_allow(sb, 28, 1, 0u, SUM_LE, 1u, (uint64_t)0);
    sandbox_allow(sb, 29, 1, 5u, SUM_LE, 4u, (uint64_t)0xFFFFFFFF);
    sandbox_allow(sb, 30, 1, 2u, SUM_LE, 3u, (uint64_t)0x100000000ULL);
    sandbox_allow(sb, 31, 2, 2u, SUM_LE, 3u, (uint64_t)0x2FFFFFFFFULL, 3u, GE,
                  (uint64_t)0x100000001ULL);
}

/* Many devices' worth of rules, each syscall's block long. */
static void set_many(struct sandbox *sb)
{
    for (uint64_t fd = 3; fd < 66; fd++) {
        sandbox_allow(sb, 17, 3, 0u, EQ, fd, 2u, EQ, (uint64_t)512, 3u, LE,
                      fd << 20);
        sandbox_allow(sb, 18, 3, 0u, EQ, fd, 2u, EQ, (uint64_t)512, 3u, LE,
                      fd << 20);
    }
}

/* Many syscall numbers, unevenly apart, some with an argument: a deep
 * search whose jumps reach far. */
static void set_many_numbers(struct sandbox *sb)
{
    for (int i = 0; i < 120; i++) {
        int nr = 3 * i + i % 7;
        if (i % 3 == 0)
            sandbox_allow(sb, nr, 1, 0u, EQ, (uint64_t)i);
        else
            sandbox_allow(sb, nr, 0);
    }
}

static const struct {
    const char *name;
    void (*build)(struct sandbox *);
} sets[] = {
    {"single EQ", set_single_eq},
    {"no arguments", set_no_args},
    {"spt core", set_spt_core},
    {"block", set_block},
    {"edges", set_edges},
    {"many devices", set_many},
    {"multi-block", set_block_multi},
    {"new edges", set_new_edges},
    {"many numbers", set_many_numbers},
};

static void test_table(void **state)
{
    static struct sandbox sb;

    (void)state;
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
        memset(&sb, 0, sizeof sb);
        sets[i].build(&sb);
        print_message("rule set: %s (%u rules)\n", sets[i].name, sb.nrules);
        check_rules(&sb);
        check_random(&sb, 2000);
        check_numbers(&sb);
    }
}

/* ---- fixed expectations, independent of the model ---- */

static struct seccomp_data call(int nr, uint64_t a0, uint64_t a3)
{
    return (struct seccomp_data){
        .nr = nr, .arch = sandbox_audit_arch, .args = {a0, 0, 512, a3}};
}

static void test_fixed(void **state)
{
    static struct sandbox sb;
    struct seccomp_data d;

    (void)state;
    memset(&sb, 0, sizeof sb);
    set_spt_core(&sb);
    set_block(&sb);
    d = call(1, 1, 0);
    expect(&sb, &d, SECCOMP_RET_ALLOW, "write to 1");
    d = call(1, 2, 0);
    expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "write to 2");
    d = call(1, 1 | 1ULL << 32, 0);
    expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "write to 1 + 2^32");
    d = call(228, 7, 0);
    expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "CLOCK_BOOTTIME");
    d = call(158, 0x1003, 0);
    expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "ARCH_GET_FS");
    d = call(17, 6, 0x17ffffe00);
    expect(&sb, &d, SECCOMP_RET_ALLOW, "pread of the last block");
    d = call(17, 6, 0x180000000);
    expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "pread past the end");
    d = call(17, 6, 0xFFFFFE00);
    expect(&sb, &d, SECCOMP_RET_ALLOW, "pread below 4 GiB");
    d = call(17, 6, 0x200000000);
    expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "pread at 8 GiB");
    d = call(17, 8, 0x100000);
    expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "pread fd 8 with 512 bytes");
    d = call(39, 0, 0);
    expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "getpid");
    d = call(1, 1, 0);
    d.nr = (int)(1 | X32_BIT);
    expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "x32 write");
    d = call(1, 1, 0);
    d.arch = AUDIT_ARCH_I386;
    expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "i386 write");
}

static struct seccomp_data io(int nr, uint64_t fd, uint64_t len, uint64_t off)
{
    return (struct seccomp_data){
        .nr = nr, .arch = sandbox_audit_arch, .args = {fd, 0, len, off}};
}

/* Multi-block reads and writes: lengths, offsets and sums stated by hand. */
static void test_fixed_multi(void **state)
{
    static struct sandbox sb;
    const uint64_t cap = 0x17ffffe00, max = 0x100000;
    const struct {
        const char *what;
        uint64_t len, off;
        bool allow;
    } c[] = {
        {"one block at 0", 512, 0, true},
        {"two blocks", 1024, 512, true},
        {"three blocks", 1536, 0, true},
        {"the maximum", max, 0, true},
        {"the maximum at the end", max, cap - max, true},
        {"the last block", 512, cap - 512, true},
        {"across 4 GiB", max, 0xFFF80000, true},
        {"zero bytes", 0, 0, false},
        {"half a block", 256, 0, false},
        {"a block and a byte", 513, 0, false},
        {"a block more than the maximum", max + 512, 0, false},
        {"the maximum plus 2^32", max + (1ULL << 32), 0, false},
        {"a block at bit 32 of the length", 512 | 1ULL << 32, 0, false},
        {"an unaligned offset", 512, 1, false},
        {"the offset at the capacity", 512, cap, false},
        {"two blocks across the end", 1024, cap - 512, false},
        {"an offset that wraps the sum to 0", 1024, 0 - 1024ULL, false},
        {"an offset that wraps the sum past 0", 1024, 0 - 512ULL, false},
        {"a carry into the high word past the end", 1024, 0x1FFFFFE00ULL,
         false},
        {"a carry into the high word", 1024, 0xFFFFFE00, true},
        {"a length that wraps the sum", 0 - 512ULL, 1024, false},
    };
    struct seccomp_data d;

    (void)state;
    memset(&sb, 0, sizeof sb);
    set_block_multi(&sb);
    for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
        d = io(17, 6, c[i].len, c[i].off);
        expect(&sb, &d,
               c[i].allow ? SECCOMP_RET_ALLOW : SECCOMP_RET_KILL_PROCESS,
               c[i].what);
        d = io(18, 6, c[i].len, c[i].off);
        expect(&sb, &d,
               c[i].allow ? SECCOMP_RET_ALLOW : SECCOMP_RET_KILL_PROCESS,
               c[i].what);
    }
    d = io(17, 8, 4096, 0xff000 - 4096);
    expect(&sb, &d, SECCOMP_RET_ALLOW, "the last 4096 block");
    d = io(17, 8, 8192, 0xff000 - 4096);
    expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "two 4096 blocks across the end");
    d = io(17, 8, 4096 + 512, 0);
    expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "a 4096 block and 512");
    d = io(17, 8, 4096, 512);
    expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "4096 at a 512 offset");
    d = io(17, 7, 512, 0);
    expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "another fd");
    d = io(18, 9, 0x100000, 0x100000000ULL - 0x100000);
    expect(&sb, &d, SECCOMP_RET_ALLOW, "the maximum ending at 4 GiB");
    d = io(18, 9, 0x100000, 0x100000000ULL - 0x100000 + 32768);
    expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "the maximum past 4 GiB");
    d = io(18, 9, 32768, 0x100000000ULL);
    expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "a block at 4 GiB");
    d = io(75, 6, 0, 0);
    expect(&sb, &d, SECCOMP_RET_ALLOW, "fdatasync of the device");
    d = io(75, 7, 0, 0);
    expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "fdatasync of another fd");
}

static void test_empty_kills_all(void **state)
{
    static struct sandbox sb;

    (void)state;
    memset(&sb, 0, sizeof sb);
    for (int nr = 0; nr < 512; nr++) {
        struct seccomp_data d = call(nr, 0, 0);
        expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "an empty allowlist");
    }
}

/* The x32 range is refused before dispatch, even where a rule names it. */
static void test_x32_range_refused(void **state)
{
    static struct sandbox sb;
    struct seccomp_data d = call((int)(1 | X32_BIT), 1, 0);

    (void)state;
    memset(&sb, 0, sizeof sb);
    sandbox_allow(&sb, (int)(1 | X32_BIT), 0);
    sandbox_allow(&sb, 1, 0);
    expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "an x32 number in a rule");
    d.nr = 1;
    expect(&sb, &d, SECCOMP_RET_ALLOW, "its x86_64 twin");
}

/* A trap rule wins over an allow rule of the same syscall, even one added
 * before it; other arguments still reach the allow rule. */
static void test_trap_first(void **state)
{
    static struct sandbox sb;
    struct seccomp_data d;

    (void)state;
    memset(&sb, 0, sizeof sb);
    sandbox_allow(&sb, 231, 0);
    sandbox_trap(&sb, 231, 1, 0u, SANDBOX_EQ, (uint64_t)255);
    sandbox_allow(&sb, 1, 1, 0u, SANDBOX_EQ, (uint64_t)1);
    d = call(231, 255, 0);
    expect(&sb, &d, SECCOMP_RET_TRAP, "exit_group(255)");
    d = call(231, 0, 0);
    expect(&sb, &d, SECCOMP_RET_ALLOW, "exit_group(0)");
    d = call(231, 255 | 1ULL << 32, 0);
    expect(&sb, &d, SECCOMP_RET_ALLOW, "exit_group(255 + 2^32)");
    d = call(1, 1, 0);
    expect(&sb, &d, SECCOMP_RET_ALLOW, "write to 1");
    d = call(60, 255, 0);
    expect(&sb, &d, SECCOMP_RET_KILL_PROCESS, "exit(255)");
}

/* A program that does not fit the buffer is refused whole. */
static void test_too_long(void **state)
{
    static struct sandbox sb;
    int len;

    (void)state;
    memset(&sb, 0, sizeof sb);
    set_many(&sb);
    len = sandbox_compile(&sb, prog, MAX_INSNS);
    assert_true(len > 0);
    assert_int_equal(sandbox_compile(&sb, prog, (unsigned)len), len);
    for (unsigned max = 0; max < (unsigned)len; max += 37)
        assert_int_equal(sandbox_compile(&sb, prog, max), -1);
    assert_int_equal(sandbox_compile(&sb, prog, (unsigned)len - 1), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_table),
        cmocka_unit_test(test_fixed),
        cmocka_unit_test(test_fixed_multi),
        cmocka_unit_test(test_empty_kills_all),
        cmocka_unit_test(test_x32_range_refused),
        cmocka_unit_test(test_too_long),
        cmocka_unit_test(test_trap_first),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
