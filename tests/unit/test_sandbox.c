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

#include "common.h"

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
    default:
        fail_msg("unexpected jump opcode 0x%x", code);
    }
    return false;
}

/* Runs prog on d like the kernel would; fails the test on anything the
 * kernel's checker would refuse (unknown opcode, jump out, no return). */
static uint32_t run_bpf(const struct sock_filter *prog, int len,
                        const struct seccomp_data *d)
{
    uint32_t a = 0;

    assert_true(len > 0 && len <= MAX_INSNS);
    for (int pc = 0; pc < len;) {
        const struct sock_filter *i = &prog[pc];
        if (i->code == (BPF_LD | BPF_W | BPF_ABS)) {
            a = load_word(d, i->k);
            pc++;
        } else if (i->code == (BPF_RET | BPF_K)) {
            return i->k;
        } else if (i->code == (BPF_JMP | BPF_JA)) {
            pc += 1 + (int)i->k;
        } else if (BPF_CLASS(i->code) == BPF_JMP && BPF_SRC(i->code) == BPF_K) {
            pc += 1 + (jump_taken(i->code, a, i->k) ? i->jt : i->jf);
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
    uint64_t v = d->args[r->arg[i].index];

    return r->arg[i].op == SANDBOX_EQ ? v == r->arg[i].value
                                      : v <= r->arg[i].value;
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

/* The call rule r of sb allows: every argument at its bound. */
static struct seccomp_data call_of(const struct sandbox_rule *r)
{
    struct seccomp_data d = {.nr = r->nr, .arch = sandbox_audit_arch};

    for (unsigned i = 0; i < r->nargs; i++)
        d.args[r->arg[i].index] = r->arg[i].value;
    return d;
}

/* Changes of one argument a rule must refuse (unless another rule of the
 * set allows them), and changes it must still allow; n of each. */
static unsigned refused_values(uint64_t v, enum sandbox_op op, uint64_t *out)
{
    unsigned n = 0;

    if (op == SANDBOX_EQ) {
        out[n++] = v + 1;
        out[n++] = v - 1;
        out[n++] = v ^ (1ULL << 32); /* same low word */
        out[n++] = v ^ (1ULL << 63);
        out[n++] = v ^ 1;
        return n;
    }
    if (v != UINT64_MAX) {
        out[n++] = v + 1;
        out[n++] = UINT64_MAX;
        if (v < 0xFFFFFFFF00000000ULL)
            out[n++] = v + (1ULL << 32); /* same low word, high word above */
        if ((v & 0xFFFFFFFF) != 0xFFFFFFFF)
            out[n++] = v | 0xFFFFFFFF; /* same high word, low word above */
    }
    return n;
}

static unsigned allowed_values(uint64_t v, uint64_t *out)
{
    unsigned n = 0;

    out[n++] = 0;
    if (v > 0)
        out[n++] = v - 1;
    if (v >> 32) {
        out[n++] = v & 0xFFFFFFFF00000000ULL; /* same high word, low 0 */
        out[n++] = ((v >> 32) - 1) << 32 | 0xFFFFFFFF; /* high word below */
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
        uint64_t vals[8];

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
            unsigned n =
                refused_values(rule->arg[i].value, rule->arg[i].op, vals);
            for (unsigned j = 0; j < n; j++) {
                m = d;
                m.args[idx] = vals[j];
                expect(sb, &m,
                       model_allows(sb, &m) ? SECCOMP_RET_ALLOW
                                            : SECCOMP_RET_KILL_PROCESS,
                       "a changed argument");
            }
            if (rule->arg[i].op != SANDBOX_LE)
                continue;
            n = allowed_values(rule->arg[i].value, vals);
            for (unsigned j = 0; j < n; j++) {
                m = d;
                m.args[idx] = vals[j];
                expect(sb, &m, SECCOMP_RET_ALLOW, "an argument below bound");
            }
        }
    }
}

/* Random calls built from the values the rules name: BPF == model. */
static void check_random(const struct sandbox *sb, unsigned rounds)
{
    uint64_t pool[64];
    unsigned n = 0;

    pool[n++] = 0;
    pool[n++] = UINT64_MAX;
    for (unsigned r = 0; r < sb->nrules && n + 4 <= 64; r++)
        for (unsigned i = 0; i < sb->rules[r].nargs && n + 4 <= 64; i++) {
            uint64_t v = sb->rules[r].arg[i].value;
            pool[n++] = v;
            pool[n++] = v + 1;
            pool[n++] = v - 1;
            pool[n++] = v ^ (1ULL << 32);
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

/* ---- the table ---- */

#define EQ SANDBOX_EQ
#define LE SANDBOX_LE

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

static const struct {
    const char *name;
    void (*build)(struct sandbox *);
} sets[] = {
    {"single EQ", set_single_eq}, {"no arguments", set_no_args},
    {"spt core", set_spt_core},   {"block", set_block},
    {"edges", set_edges},         {"many devices", set_many},
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
        cmocka_unit_test(test_empty_kills_all),
        cmocka_unit_test(test_x32_range_refused),
        cmocka_unit_test(test_too_long),
        cmocka_unit_test(test_trap_first),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
