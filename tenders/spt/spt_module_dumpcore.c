/* solo5-spt dumpcore module: --dumpcore=DIR, a guest core on abort/fault. */
#include "spt.h"

#include "common_core.h"

#include <err.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#ifndef HWCAP2_FSGSBASE
#define HWCAP2_FSGSBASE (1 << 1)
#endif

/* The guest faults a core is written for; they still end the process as
 * before (killed by that signal). Guest aborts arrive as SIGSYS. */
static const int fault_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGTRAP};
#define NFAULTS (sizeof fault_signals / sizeof fault_signals[0])

/* The state the handler reads; set before the sandbox, never after. */
static struct {
    pid_t pid; /* spt runs one thread: its id is the pid */
    bool fsgsbase;
    struct core_range mem;
} dc;

/*
 * The names and lines the handler passes to the kernel, made before the
 * sandbox and then read-only: the filter pins their addresses, so the guest,
 * which shares this memory, can pass only these bytes.
 */
static struct __attribute__((aligned(4096))) {
    struct core_file cf;
    char line[TENDER_ESCAPED_SIZE + 128];
    char fail[128];
    size_t line_len, fail_len;
} ro = {.cf = CORE_FILE_NONE};

static struct core_regs regs;
static struct core_fpu fpu;

/* The resident parts of guest memory, which are all the core can need: a
 * page never touched is not resident and reads as zeros. */
#define MAX_RANGES 256
#define VEC_PAGES 65536
static struct core_range ranges[MAX_RANGES];
static unsigned char vec[VEC_PAGES];

static int handle_option(struct tender *t, const char *opt)
{
    char shown[TENDER_ESCAPED_SIZE];
    int rc = core_file_option(&ro.cf, t->desc->prog, opt, shown, sizeof shown);

    if (rc != 0)
        return rc;
    dc.pid = getpid();
    ro.line_len =
        (size_t)snprintf(ro.line, sizeof ro.line,
                         "solo5-spt: dumpcore: dumping guest core to: %s/%s\n",
                         shown, ro.cf.name);
    return 0;
}

/* ---- the handler: no libc, no stack protector, raw system calls ---- */

static long sys3(long nr, long a, long b, long c)
{
    long rc;

    __asm__ volatile("syscall"
                     : "=a"(rc)
                     : "a"(nr), "D"(a), "S"(b), "d"(c)
                     : "rcx", "r11", "memory");
    return rc;
}

__attribute__((no_stack_protector)) static void
take_regs(const ucontext_t *uc, const siginfo_t *si, int sig)
{
    const greg_t *g = uc->uc_mcontext.gregs;
    uint64_t seg = (uint64_t)g[REG_CSGSFS];
    const uint8_t *fx = (const uint8_t *)uc->uc_mcontext.fpregs;
    uint64_t fsbase = 0;

    if (dc.fsgsbase)
        __asm__ volatile("rdfsbase %0" : "=r"(fsbase));
    regs = (struct core_regs){
        .r15 = (uint64_t)g[REG_R15],
        .r14 = (uint64_t)g[REG_R14],
        .r13 = (uint64_t)g[REG_R13],
        .r12 = (uint64_t)g[REG_R12],
        .rbp = (uint64_t)g[REG_RBP],
        .rbx = (uint64_t)g[REG_RBX],
        .r11 = (uint64_t)g[REG_R11],
        .r10 = (uint64_t)g[REG_R10],
        .r9 = (uint64_t)g[REG_R9],
        .r8 = (uint64_t)g[REG_R8],
        .rax = (uint64_t)g[REG_RAX],
        .rcx = (uint64_t)g[REG_RCX],
        .rdx = (uint64_t)g[REG_RDX],
        .rsi = (uint64_t)g[REG_RSI],
        .rdi = (uint64_t)g[REG_RDI],
        .orig_rax = sig == SIGSYS ? (uint64_t)si->si_syscall : ~0ULL,
        .rip = (uint64_t)g[REG_RIP],
        .cs = seg & 0xffff,
        .eflags = (uint64_t)g[REG_EFL],
        .rsp = (uint64_t)g[REG_RSP],
        .ss = (seg >> 48) & 0xffff,
        .fs_base = fsbase,
        .fs = (seg >> 32) & 0xffff,
        .gs = (seg >> 16) & 0xffff};
    for (unsigned i = 0; i < sizeof fpu.fxsave; i++)
        fpu.fxsave[i] = fx != NULL ? fx[i] : 0;
}

/* Adds page at (offset into dc.mem) to the ranges: extends the last one if
 * it ends there or if no range is left, else starts one. */
__attribute__((no_stack_protector)) static void add_page(unsigned *n,
                                                         uint64_t at)
{
    struct core_range *last = *n > 0 ? &ranges[*n - 1] : NULL;

    if (last != NULL &&
        (last->gaddr + last->len == dc.mem.gaddr + at || *n == MAX_RANGES)) {
        last->len = dc.mem.gaddr + at + 4096 - last->gaddr;
        return;
    }
    ranges[(*n)++] =
        (struct core_range){dc.mem.gaddr + at, dc.mem.host + at, 4096};
}

/* The resident pages of guest memory as ranges (mincore); all of it as one
 * range if mincore fails. */
__attribute__((no_stack_protector)) static unsigned resident_ranges(void)
{
    unsigned n = 0;

    for (uint64_t at = 0; at < dc.mem.len; at += VEC_PAGES * 4096ULL) {
        uint64_t len = dc.mem.len - at < VEC_PAGES * 4096ULL
                           ? dc.mem.len - at
                           : VEC_PAGES * 4096ULL;
        if (sys3(SYS_mincore, (long)(dc.mem.host + at), (long)len, (long)vec) !=
            0) {
            ranges[0] = dc.mem;
            return 1;
        }
        for (uint64_t p = 0; p < (len + 4095) / 4096; p++)
            if (vec[p] & 1)
                add_page(&n, at + p * 4096);
    }
    return n;
}

/* Names the core file DIR/core.solo5-spt.PID and writes it; one line on
 * stderr either way. */
__attribute__((no_stack_protector)) static void dump(int sig)
{
    if (core_file_link(&ro.cf) != 0) {
        sys3(SYS_write, 2, (long)ro.fail, (long)ro.fail_len);
        return;
    }
    sys3(SYS_write, 2, (long)ro.line, (long)ro.line_len);
    if (core_write(ro.cf.fd, &regs, &fpu, sig, ranges, resident_ranges()) != 0)
        sys3(SYS_write, 2, (long)ro.fail, (long)ro.fail_len);
}

/*
 * A guest abort (its exit_group(255), trapped by the filter) ends with the
 * one-thread exit(255); a fault with the same signal, now at its default
 * action (SA_RESETHAND), so the exit status is what it was without a core.
 */
__attribute__((no_stack_protector)) static void
on_guest_end(int sig, siginfo_t *si, void *ctx)
{
    take_regs(ctx, si, sig);
    if (sig == SIGSYS) {
        dump(SIGABRT);
        for (;;)
            sys3(SYS_exit, 255, 0, 0);
    }
    dump(sig);
    for (;;)
        sys3(SYS_tgkill, dc.pid, dc.pid, sig);
}

/* ---- set-up before the sandbox ---- */

static void install_handler(int sig)
{
    struct sigaction sa = {.sa_sigaction = on_guest_end,
                           .sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND |
                                       SA_NODEFER};

    sigfillset(&sa.sa_mask);
    for (size_t i = 0; i < NFAULTS; i++)
        sigdelset(&sa.sa_mask, fault_signals[i]);
    if (sigaction(sig, &sa, NULL) != 0)
        err(1, "Could not set up --dumpcore");
}

static int setup(struct tender *t)
{
    const struct guest_mem *mem = &spt_of(t)->mem;

    if (ro.cf.dirfd < 0)
        return 0;
    if (core_file_open(&ro.cf) != 0)
        return -1;
    dc.fsgsbase = (getauxval(AT_HWCAP2) & HWCAP2_FSGSBASE) != 0;
    dc.mem = (struct core_range){mem->base, mem->host, mem->size - mem->base};
    ro.fail_len = (size_t)snprintf(ro.fail, sizeof ro.fail,
                                   "solo5-spt: dumpcore: could not write the "
                                   "guest core file %s\n",
                                   ro.cf.name);
    if (mprotect(&ro, sizeof ro, PROT_READ) != 0)
        err(1, "Could not set up --dumpcore");
    install_handler(SIGSYS);
    for (size_t i = 0; i < NFAULTS; i++)
        install_handler(fault_signals[i]);
    return 0;
}

/*
 * Only with --dumpcore: the guest's exit_group(255) traps to the handler,
 * which may name the file (linkat of exactly these names), write the lines
 * (their own bytes), ask which pages are resident (mincore into vec),
 * pwrite the core fd, and end with exit(255) or a
 * tgkill of itself with a fault signal.
 */
static void rules(struct tender *t, struct sandbox *sb)
{
    (void)t;
    if (ro.cf.dirfd < 0)
        return;
    sandbox_trap(sb, SYS_exit_group, 1, 0u, SANDBOX_EQ, (uint64_t)255);
    sandbox_allow(sb, SYS_exit, 1, 0u, SANDBOX_EQ, (uint64_t)255);
    core_file_rules(&ro.cf, sb);
    sandbox_allow(sb, SYS_write, 3, 0u, SANDBOX_EQ, (uint64_t)2, 1u, SANDBOX_EQ,
                  (uint64_t)(uintptr_t)ro.line, 2u, SANDBOX_EQ,
                  (uint64_t)ro.line_len);
    sandbox_allow(sb, SYS_write, 3, 0u, SANDBOX_EQ, (uint64_t)2, 1u, SANDBOX_EQ,
                  (uint64_t)(uintptr_t)ro.fail, 2u, SANDBOX_EQ,
                  (uint64_t)ro.fail_len);
    /* Which guest pages are resident, into vec. */
    sandbox_allow(sb, SYS_mincore, 1, 2u, SANDBOX_EQ, (uint64_t)(uintptr_t)vec);
    for (size_t i = 0; i < NFAULTS; i++)
        sandbox_allow(sb, SYS_tgkill, 3, 0u, SANDBOX_EQ, (uint64_t)dc.pid, 1u,
                      SANDBOX_EQ, (uint64_t)dc.pid, 2u, SANDBOX_EQ,
                      (uint64_t)fault_signals[i]);
}

static const struct tender_module dumpcore_module = {
    .name = "dumpcore",
    .usage = "  [ --dumpcore=DIR ] (on a guest abort or fault, write its core "
             "to DIR/core.solo5-spt.PID)\n",
    .handle_option = handle_option,
    .setup = setup,
    .rules = rules,
};
TENDER_MODULE(dumpcore, dumpcore_module);
