/* Seccomp allowlists: rules as data, a small compiler to classic BPF. */
#include "common.h"

#include <err.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

static void add_rule(struct sandbox *sb, int nr, bool trap, unsigned nargs,
                     va_list ap)
{
    struct sandbox_rule *r;

    if (sb->nrules == SANDBOX_MAX_RULES || nargs > SANDBOX_MAX_ARGS)
        errx(1, "Internal error: too many seccomp rules");
    r = &sb->rules[sb->nrules++];
    *r = (struct sandbox_rule){.nr = nr, .trap = trap, .nargs = nargs};
    for (unsigned i = 0; i < nargs; i++) {
        r->arg[i].index = va_arg(ap, unsigned);
        r->arg[i].op = va_arg(ap, enum sandbox_op);
        if (r->arg[i].op == SANDBOX_SUM_LE)
            r->arg[i].other = va_arg(ap, unsigned);
        r->arg[i].value = va_arg(ap, uint64_t);
        if (r->arg[i].index > 5 || r->arg[i].other > 5)
            errx(1, "Internal error: seccomp rule on argument %u",
                 r->arg[i].index);
    }
}

void sandbox_allow(struct sandbox *sb, int nr, unsigned nargs, ...)
{
    va_list ap;

    va_start(ap, nargs);
    add_rule(sb, nr, false, nargs, ap);
    va_end(ap);
}

void sandbox_trap(struct sandbox *sb, int nr, unsigned nargs, ...)
{
    va_list ap;

    va_start(ap, nargs);
    add_rule(sb, nr, true, nargs, ap);
    va_end(ap);
}

/* ---- BPF compilation ---- */

#define ARG_LO(i) (offsetof(struct seccomp_data, args) + 8 * (i))
#define ARG_HI(i) (ARG_LO(i) + 4)
#define MAX_FIXUPS (4 * SANDBOX_MAX_ARGS) /* SUM_LE has 4 misses, others 2 */
#define MEM_LO 0 /* scratch words SUM_LE keeps its bound in */
#define MEM_HI 1

/* A program being written into the caller's buffer. */
struct bpf_out {
    struct sock_filter *insn;
    unsigned len, max;
    bool full; /* an instruction did not fit: the result is unusable */
    struct {
        unsigned at;  /* a jump to patch to "this rule does not match"... */
        bool on_true; /* ...taken when its test is true (else when false) */
    } fixup[MAX_FIXUPS];
    unsigned nfixup;
};

static void emit(struct bpf_out *p, uint16_t code, uint32_t k, uint8_t jt,
                 uint8_t jf)
{
    if (p->len == p->max) {
        p->full = true;
        return;
    }
    p->insn[p->len++] = (struct sock_filter){code, jt, jf, k};
}

/* Emits a jump (code: BPF_J* | BPF_K or BPF_X) whose "no match" branch goes
 * to the end of the current rule. */
static void emit_miss(struct bpf_out *p, uint16_t code, uint32_t k,
                      bool miss_if_true)
{
    p->fixup[p->nfixup].at = p->len;
    p->fixup[p->nfixup++].on_true = miss_if_true;
    emit(p, BPF_JMP | code, k, 0, 0);
}

static void emit_load(struct bpf_out *p, uint32_t offset)
{
    emit(p, BPF_LD | BPF_W | BPF_ABS, offset, 0, 0);
}

static void emit_eq(struct bpf_out *p, unsigned idx, uint32_t hi, uint32_t lo)
{
    emit_load(p, ARG_HI(idx));
    emit_miss(p, BPF_JEQ | BPF_K, hi, false);
    emit_load(p, ARG_LO(idx));
    emit_miss(p, BPF_JEQ | BPF_K, lo, false);
}

/* Unsigned 64-bit a <= v: hi > vhi misses, hi < vhi passes, else compare lo. */
static void emit_le(struct bpf_out *p, unsigned idx, uint32_t hi, uint32_t lo)
{
    emit_load(p, ARG_HI(idx));
    emit_miss(p, BPF_JGT | BPF_K, hi, true);
    emit(p, BPF_JMP | BPF_JEQ | BPF_K, hi, 1, 0);
    emit(p, BPF_JMP | BPF_JA, 2, 0, 0);
    emit_load(p, ARG_LO(idx));
    emit_miss(p, BPF_JGT | BPF_K, lo, true);
}

/* Unsigned 64-bit a >= v: hi > vhi passes, hi < vhi misses, else compare lo. */
static void emit_ge(struct bpf_out *p, unsigned idx, uint32_t hi, uint32_t lo)
{
    emit_load(p, ARG_HI(idx));
    emit(p, BPF_JMP | BPF_JGT | BPF_K, hi, 3, 0);
    emit_miss(p, BPF_JEQ | BPF_K, hi, false);
    emit_load(p, ARG_LO(idx));
    emit_miss(p, BPF_JGE | BPF_K, lo, false);
}

/* (a & v) == 0: any bit of v set in either word misses. */
static void emit_mask0(struct bpf_out *p, unsigned idx, uint32_t hi,
                       uint32_t lo)
{
    emit_load(p, ARG_HI(idx));
    emit_miss(p, BPF_JSET | BPF_K, hi, true);
    emit_load(p, ARG_LO(idx));
    emit_miss(p, BPF_JSET | BPF_K, lo, true);
}

/*
 * a + b <= v without wrap, as b <= v and then a <= v - b, where v - b cannot
 * borrow past 64 bits: its low word is vlo - blo (32-bit), its high word
 * vhi - bhi - (blo > vlo), kept in the scratch words MEM_LO and MEM_HI.
 */
static void emit_sum_le(struct bpf_out *p, unsigned a, unsigned b, uint32_t hi,
                        uint32_t lo)
{
    emit_le(p, b, hi, lo);
    emit_load(p, ARG_LO(b));
    emit(p, BPF_MISC | BPF_TAX, 0, 0, 0);
    emit(p, BPF_LD | BPF_IMM, lo, 0, 0);
    emit(p, BPF_ALU | BPF_SUB | BPF_X, 0, 0, 0);
    emit(p, BPF_ST, MEM_LO, 0, 0);
    emit(p, BPF_MISC | BPF_TXA, 0, 0, 0);
    emit(p, BPF_JMP | BPF_JGT | BPF_K, lo, 0, 2); /* the borrow, 1 or 0 */
    emit(p, BPF_LD | BPF_IMM, 1, 0, 0);
    emit(p, BPF_JMP | BPF_JA, 1, 0, 0);
    emit(p, BPF_LD | BPF_IMM, 0, 0, 0);
    emit(p, BPF_MISC | BPF_TAX, 0, 0, 0);
    emit_load(p, ARG_HI(b));
    emit(p, BPF_ALU | BPF_ADD | BPF_X, 0, 0, 0);
    emit(p, BPF_MISC | BPF_TAX, 0, 0, 0);
    emit(p, BPF_LD | BPF_IMM, hi, 0, 0);
    emit(p, BPF_ALU | BPF_SUB | BPF_X, 0, 0, 0);
    emit(p, BPF_ST, MEM_HI, 0, 0);
    /* a <= M[HI]:M[LO], as emit_le with X for the constant. */
    emit(p, BPF_LDX | BPF_W | BPF_MEM, MEM_HI, 0, 0);
    emit_load(p, ARG_HI(a));
    emit_miss(p, BPF_JGT | BPF_X, 0, true);
    emit(p, BPF_JMP | BPF_JEQ | BPF_X, 0, 1, 0);
    emit(p, BPF_JMP | BPF_JA, 3, 0, 0);
    emit(p, BPF_LDX | BPF_W | BPF_MEM, MEM_LO, 0, 0);
    emit_load(p, ARG_LO(a));
    emit_miss(p, BPF_JGT | BPF_X, 0, true);
}

static void emit_arg(struct bpf_out *p, unsigned idx, enum sandbox_op op,
                     unsigned other, uint64_t v)
{
    uint32_t hi = (uint32_t)(v >> 32), lo = (uint32_t)v;

    switch (op) {
    case SANDBOX_EQ:
        emit_eq(p, idx, hi, lo);
        break;
    case SANDBOX_LE:
        emit_le(p, idx, hi, lo);
        break;
    case SANDBOX_GE:
        emit_ge(p, idx, hi, lo);
        break;
    case SANDBOX_MASK0:
        emit_mask0(p, idx, hi, lo);
        break;
    case SANDBOX_SUM_LE:
        emit_sum_le(p, idx, other, hi, lo);
        break;
    }
}

/* Points every pending miss jump at the instruction after the rule. */
static void patch_misses(struct bpf_out *p)
{
    for (unsigned i = 0; i < p->nfixup && !p->full; i++) {
        struct sock_filter *j = &p->insn[p->fixup[i].at];
        unsigned dist = p->len - p->fixup[i].at - 1;
        uint8_t off = (uint8_t)dist;

        if (dist > UINT8_MAX) { /* a rule too long for one jump */
            p->full = true;
            break;
        }
        if (p->fixup[i].on_true)
            j->jt = off;
        else
            j->jf = off;
    }
    p->nfixup = 0;
}

/* One rule of a syscall's block: its argument tests, then ALLOW (or TRAP).
 * A miss falls through to the next rule for the same syscall. */
static void emit_rule(struct bpf_out *p, const struct sandbox_rule *r)
{
    for (unsigned i = 0; i < r->nargs; i++)
        emit_arg(p, r->arg[i].index, r->arg[i].op, r->arg[i].other,
                 r->arg[i].value);
    emit(p, BPF_RET | BPF_K, r->trap ? SECCOMP_RET_TRAP : SECCOMP_RET_ALLOW, 0,
         0);
    patch_misses(p);
}

/* The block of every rule for syscall nr, trap rules first, ending in KILL
 * if none matched. */
static void emit_block(struct bpf_out *p, const struct sandbox *sb, int nr)
{
    for (unsigned i = 0; i < sb->nrules; i++)
        if (sb->rules[i].nr == nr && sb->rules[i].trap)
            emit_rule(p, &sb->rules[i]);
    for (unsigned i = 0; i < sb->nrules; i++)
        if (sb->rules[i].nr == nr && !sb->rules[i].trap)
            emit_rule(p, &sb->rules[i]);
    emit(p, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS, 0, 0);
}

/* True if an earlier rule than i has the same syscall number. */
static bool seen_before(const struct sandbox *sb, unsigned i)
{
    for (unsigned j = 0; j < i; j++)
        if (sb->rules[j].nr == sb->rules[i].nr)
            return true;
    return false;
}

/* A syscall from another ABI (i386, x32) would bypass the numbers checked
 * after this. */
static void emit_abi_checks(struct bpf_out *p)
{
    emit(p, BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch), 0,
         0);
    emit(p, BPF_JMP | BPF_JEQ | BPF_K, sandbox_audit_arch, 1, 0);
    emit(p, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS, 0, 0);
    emit(p, BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr), 0, 0);
    if (sandbox_nr_limit == 0)
        return;
    emit(p, BPF_JMP | BPF_JGE | BPF_K, sandbox_nr_limit, 0, 1);
    emit(p, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS, 0, 0);
}

/*
 * Layout: ABI checks; a dispatch list with one JEQ per allowed syscall
 * (each followed by a 32-bit jump to that syscall's block); KILL; the
 * blocks. A forbidden syscall costs one test per allowed one, and the
 * kernel's per-syscall verdict cache is cheap to build at install time.
 */
int sandbox_compile(const struct sandbox *sb, struct sock_filter *prog,
                    unsigned max)
{
    struct bpf_out p = {.insn = prog, .max = max};
    unsigned jump[SANDBOX_MAX_RULES], n = 0;
    int nrs[SANDBOX_MAX_RULES];

    emit_abi_checks(&p);
    for (unsigned i = 0; i < sb->nrules; i++) {
        if (seen_before(sb, i))
            continue;
        nrs[n] = sb->rules[i].nr;
        emit(&p, BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)nrs[n], 0, 1);
        jump[n++] = p.len;
        emit(&p, BPF_JMP | BPF_JA, 0, 0, 0);
    }
    emit(&p, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS, 0, 0);
    for (unsigned i = 0; i < n && !p.full; i++) {
        p.insn[jump[i]].k = p.len - jump[i] - 1;
        emit_block(&p, sb, nrs[i]);
    }
    return p.full ? -1 : (int)p.len;
}

void sandbox_install(const struct sandbox *sb, bool all_threads)
{
    static struct sock_filter insn[BPF_MAXINSNS];
    int n = sandbox_compile(sb, insn, BPF_MAXINSNS);
    struct sock_fprog prog = {.len = (unsigned short)n, .filter = insn};
    unsigned flags = all_threads ? SECCOMP_FILTER_FLAG_TSYNC : 0;
    long rc;

    if (n < 0)
        errx(1, "Internal error: seccomp program too long");
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        err(1, "prctl(PR_SET_NO_NEW_PRIVS)");
    rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
    if (rc < 0)
        err(1, "seccomp(SECCOMP_SET_MODE_FILTER)");
    /* With TSYNC, a positive result is a thread that could not be synced. */
    if (rc > 0)
        errx(1, "seccomp: thread %ld could not be synchronized", rc);
}
