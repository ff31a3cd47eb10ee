/* solo5-spt seccomp: the allowlist as data, compiled to BPF. */
#include "spt.h"

#include <err.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stdarg.h>
#include <stddef.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef ARCH_SET_FS
#define ARCH_SET_FS 0x1002
#endif

void spt_rule_add(struct spt *spt, int nr, unsigned nargs, ...)
{
    struct spt_rule *r;
    va_list ap;

    if (spt->nrules == SPT_MAX_RULES || nargs > 3)
        errx(1, "Internal error: too many seccomp rules");
    r = &spt->rules[spt->nrules++];
    *r = (struct spt_rule){.nr = nr, .nargs = nargs};
    va_start(ap, nargs);
    for (unsigned i = 0; i < nargs; i++) {
        r->arg[i].index = va_arg(ap, unsigned);
        r->arg[i].op = va_arg(ap, enum spt_arg_op);
        r->arg[i].value = va_arg(ap, uint64_t);
    }
    va_end(ap);
}

void spt_rules_core(struct spt *spt)
{
    /* Console: solo5_console_write, to stdout only. */
    spt_rule_add(spt, SYS_write, 1, 0u, SPT_ARG_EQ, (uint64_t)1);
    /* solo5_exit and solo5_abort. */
    spt_rule_add(spt, SYS_exit_group, 0);
    /* solo5_yield waits on the tender's epoll set... */
    spt_rule_add(spt, SYS_epoll_pwait, 1, 0u, SPT_ARG_EQ,
                 (uint64_t)spt->epollfd);
    /* ...after arming the tender's timerfd with the deadline. */
    spt_rule_add(spt, SYS_timerfd_settime, 1, 0u, SPT_ARG_EQ,
                 (uint64_t)spt->timerfd);
    /* solo5_clock_monotonic and solo5_clock_wall, no other clock. */
    spt_rule_add(spt, SYS_clock_gettime, 1, 0u, SPT_ARG_EQ,
                 (uint64_t)CLOCK_MONOTONIC);
    spt_rule_add(spt, SYS_clock_gettime, 1, 0u, SPT_ARG_EQ,
                 (uint64_t)CLOCK_REALTIME);
    /* solo5_set_tls_base; reading the base (ARCH_GET_FS) is not needed. */
    spt_rule_add(spt, SYS_arch_prctl, 1, 0u, SPT_ARG_EQ, (uint64_t)ARCH_SET_FS);
}

/* ---- BPF compilation ---- */

#define MAX_INSNS 4096
#define ARG_LO(i) (offsetof(struct seccomp_data, args) + 8 * (i))
#define ARG_HI(i) (ARG_LO(i) + 4)

struct bpf_prog {
    struct sock_filter insn[MAX_INSNS];
    unsigned len;
    struct {
        unsigned at;  /* a jump to patch to "this rule does not match"... */
        bool on_true; /* ...taken when its test is true (else when false) */
    } fixup[16];
    unsigned nfixup;
};

static void emit(struct bpf_prog *p, uint16_t code, uint32_t k, uint8_t jt,
                 uint8_t jf)
{
    if (p->len == MAX_INSNS)
        errx(1, "Internal error: seccomp program too long");
    p->insn[p->len++] = (struct sock_filter){code, jt, jf, k};
}

/* Emits a jump whose "no match" branch goes to the end of the current rule. */
static void emit_miss(struct bpf_prog *p, uint16_t code, uint32_t k,
                      bool miss_if_true)
{
    p->fixup[p->nfixup].at = p->len;
    p->fixup[p->nfixup++].on_true = miss_if_true;
    emit(p, BPF_JMP | code | BPF_K, k, 0, 0);
}

static void emit_arg(struct bpf_prog *p, unsigned idx, enum spt_arg_op op,
                     uint64_t v)
{
    uint32_t hi = (uint32_t)(v >> 32), lo = (uint32_t)v;

    emit(p, BPF_LD | BPF_W | BPF_ABS, ARG_HI(idx), 0, 0);
    if (op == SPT_ARG_EQ) {
        emit_miss(p, BPF_JEQ, hi, false);
        emit(p, BPF_LD | BPF_W | BPF_ABS, ARG_LO(idx), 0, 0);
        emit_miss(p, BPF_JEQ, lo, false);
        return;
    }
    /* Unsigned 64-bit a <= v: hi > vhi misses, hi < vhi passes, else compare
     * lo. */
    emit_miss(p, BPF_JGT, hi, true);
    emit(p, BPF_JMP | BPF_JEQ | BPF_K, hi, 1, 0);
    emit(p, BPF_JMP | BPF_JA, 2, 0, 0);
    emit(p, BPF_LD | BPF_W | BPF_ABS, ARG_LO(idx), 0, 0);
    emit_miss(p, BPF_JGT, lo, true);
}

/* Points every pending miss jump at the instruction after the rule. */
static void patch_misses(struct bpf_prog *p)
{
    for (unsigned i = 0; i < p->nfixup; i++) {
        struct sock_filter *j = &p->insn[p->fixup[i].at];
        uint8_t off = (uint8_t)(p->len - p->fixup[i].at - 1);
        if (p->fixup[i].on_true)
            j->jt = off;
        else
            j->jf = off;
    }
    p->nfixup = 0;
}

/* One rule of a syscall's block: its argument tests, then ALLOW. A miss
 * falls through to the next rule for the same syscall. */
static void emit_rule(struct bpf_prog *p, const struct spt_rule *r)
{
    for (unsigned i = 0; i < r->nargs; i++)
        emit_arg(p, r->arg[i].index, r->arg[i].op, r->arg[i].value);
    emit(p, BPF_RET | BPF_K, SECCOMP_RET_ALLOW, 0, 0);
    patch_misses(p);
}

/* The block of every rule for syscall nr, ending in KILL if none matched. */
static void emit_block(struct bpf_prog *p, const struct spt *spt, int nr)
{
    for (unsigned i = 0; i < spt->nrules; i++)
        if (spt->rules[i].nr == nr)
            emit_rule(p, &spt->rules[i]);
    emit(p, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS, 0, 0);
}

/* True if an earlier rule than i has the same syscall number. */
static bool seen_before(const struct spt *spt, unsigned i)
{
    for (unsigned j = 0; j < i; j++)
        if (spt->rules[j].nr == spt->rules[i].nr)
            return true;
    return false;
}

/*
 * Layout: ABI checks; a dispatch list with one JEQ per allowed syscall
 * (each followed by a 32-bit jump to that syscall's block); KILL; the
 * blocks. A forbidden syscall costs one test per allowed one, and the
 * kernel's per-syscall verdict cache is cheap to build at install time.
 */
static void compile(const struct spt *spt, struct bpf_prog *p)
{
    unsigned jump[SPT_MAX_RULES], n = 0;
    int nrs[SPT_MAX_RULES];

    p->len = 0;
    p->nfixup = 0;
    /* A syscall from another ABI (i386, x32) would bypass the numbers below. */
    emit(p, BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch), 0,
         0);
    emit(p, BPF_JMP | BPF_JEQ | BPF_K, AUDIT_ARCH_X86_64, 1, 0);
    emit(p, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS, 0, 0);
    emit(p, BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr), 0, 0);
    emit(p, BPF_JMP | BPF_JGE | BPF_K, 0x40000000, 0, 1); /* x32 */
    emit(p, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS, 0, 0);
    for (unsigned i = 0; i < spt->nrules; i++) {
        if (seen_before(spt, i))
            continue;
        nrs[n] = spt->rules[i].nr;
        emit(p, BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)nrs[n], 0, 1);
        jump[n++] = p->len;
        emit(p, BPF_JMP | BPF_JA, 0, 0, 0);
    }
    emit(p, BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS, 0, 0);
    for (unsigned i = 0; i < n; i++) {
        p->insn[jump[i]].k = p->len - jump[i] - 1;
        emit_block(p, spt, nrs[i]);
    }
}

void spt_seccomp_install(const struct spt *spt)
{
    static struct bpf_prog p;
    struct sock_fprog prog;

    compile(spt, &p);
    prog = (struct sock_fprog){.len = (unsigned short)p.len, .filter = p.insn};
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        err(1, "prctl(PR_SET_NO_NEW_PRIVS)");
    if (syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, 0, &prog) != 0)
        err(1, "seccomp(SECCOMP_SET_MODE_FILTER)");
}
