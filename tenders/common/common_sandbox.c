/* Seccomp allowlists: rules as data, a small compiler to classic BPF. */
#include "common_sandbox.h"

#include <err.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

void sandbox_add(struct sandbox *sb, int nr, bool trap, unsigned nargs,
                 va_list ap)
{
    struct sandbox_rule *r;

    if (sb->nrules == SANDBOX_MAX_RULES || nargs > SANDBOX_MAX_ARGS)
        errx(1, "Internal error: too many seccomp rules");
    r = &sb->rules[sb->nrules++];
    *r = (struct sandbox_rule){.nr = nr, .trap = trap, .nargs = nargs};
    for (unsigned i = 0; i < nargs; i++) {
        r->arg[i].index = va_arg(ap, unsigned);
        r->arg[i].op = va_arg(ap, const struct sandbox_op *);
        if (r->arg[i].op->two_args)
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
    sandbox_add(sb, nr, false, nargs, ap);
    va_end(ap);
}

/* ---- BPF compilation ---- */

void bpf_emit(struct bpf_out *p, uint16_t code, uint32_t k, uint8_t jt,
              uint8_t jf)
{
    if (p->len == p->max) {
        p->full = true;
        return;
    }
    p->insn[p->len++] = (struct sock_filter){code, jt, jf, k};
}

void bpf_emit_miss(struct bpf_out *p, uint16_t code, uint32_t k,
                   bool miss_if_true)
{
    p->fixup[p->nfixup].at = p->len;
    p->fixup[p->nfixup++].on_true = miss_if_true;
    bpf_emit(p, BPF_JMP | code, k, 0, 0);
}

void bpf_emit_load(struct bpf_out *p, uint32_t offset)
{
    bpf_emit(p, BPF_LD | BPF_W | BPF_ABS, offset, 0, 0);
}

/* a == v: each word equal. */
static void emit_eq(struct bpf_out *p, unsigned idx, unsigned other,
                    uint32_t hi, uint32_t lo)
{
    (void)other;
    bpf_emit_load(p, ARG_HI(idx));
    bpf_emit_miss(p, BPF_JEQ | BPF_K, hi, false);
    bpf_emit_load(p, ARG_LO(idx));
    bpf_emit_miss(p, BPF_JEQ | BPF_K, lo, false);
}

const struct sandbox_op sandbox_eq = {.emit = emit_eq};

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
        r->arg[i].op->emit(p, r->arg[i].index, r->arg[i].other,
                           (uint32_t)(r->arg[i].value >> 32),
                           (uint32_t)r->arg[i].value);
    bpf_emit(p, BPF_RET | BPF_K, r->trap ? SECCOMP_RET_TRAP : SECCOMP_RET_ALLOW,
             0, 0);
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
    bpf_emit(p, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS, 0, 0);
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
    bpf_emit_load(p, offsetof(struct seccomp_data, arch));
    bpf_emit(p, BPF_JMP | BPF_JEQ | BPF_K, sandbox_audit_arch, 1, 0);
    bpf_emit(p, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS, 0, 0);
    bpf_emit_load(p, offsetof(struct seccomp_data, nr));
    if (sandbox_nr_limit == 0)
        return;
    bpf_emit(p, BPF_JMP | BPF_JGE | BPF_K, sandbox_nr_limit, 0, 1);
    bpf_emit(p, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS, 0, 0);
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
        bpf_emit(&p, BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)nrs[n], 0, 1);
        jump[n++] = p.len;
        bpf_emit(&p, BPF_JMP | BPF_JA, 0, 0, 0);
    }
    bpf_emit(&p, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS, 0, 0);
    for (unsigned i = 0; i < n && !p.full; i++) {
        p.insn[jump[i]].k = p.len - jump[i] - 1;
        emit_block(&p, sb, nrs[i]);
    }
    return p.full ? -1 : (int)p.len;
}

/* The process's one allowlist, as sandbox_seal compiled it. */
static struct sock_filter sealed[BPF_MAXINSNS];
static struct sock_fprog prog = {.filter = sealed};

void sandbox_seal(const struct sandbox *sb)
{
    int n = sandbox_compile(sb, sealed, BPF_MAXINSNS);

    if (n < 0)
        errx(1, "Internal error: seccomp program too long");
    prog.len = (unsigned short)n;
}

void sandbox_install(bool all_threads)
{
    unsigned flags = all_threads ? SECCOMP_FILTER_FLAG_TSYNC : 0;
    long rc;

    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        err(1, "prctl(PR_SET_NO_NEW_PRIVS)");
    rc = syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, flags, &prog);
    if (rc < 0)
        err(1, "seccomp(SECCOMP_SET_MODE_FILTER)");
    /* With TSYNC, a positive result is a thread that could not be synced. */
    if (rc > 0)
        errx(1, "seccomp: thread %ld could not be synchronized", rc);
}
