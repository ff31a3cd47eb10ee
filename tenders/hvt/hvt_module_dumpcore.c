/* solo5-hvt dumpcore module: --dumpcore=DIR, a guest core on abort/trap. */
#include "hvt.h"

#include <err.h>
#include <signal.h>
#include <string.h>

#include "common_core.h"
#include "hvt_module_vcpu_x86_64.h"

/* Set before the sandbox, never after. */
static struct core_file cf = CORE_FILE_NONE;
static char shown[TENDER_ESCAPED_SIZE]; /* DIR, escaped for the line */

/* True on the thread that runs the vCPU (the one that ran setup): only it
 * may ask KVM for the vCPU's state, which another thread would wait on. */
static _Thread_local bool on_vcpu_thread;

static int handle_option(struct tender *t, const char *opt)
{
    return core_file_option(&cf, t->desc->prog, opt, shown, sizeof shown);
}

static int setup(struct tender *t)
{
    (void)t;
    if (core_file_open(&cf) != 0)
        return -1;
    on_vcpu_thread = true;
    return 0;
}

/* The FXSAVE image of the x87/SSE state in s. */
static void fxsave_of(const struct hvt_cpu_state *s, struct core_fpu *f)
{
    uint8_t *fx = f->fxsave;
    const uint32_t mxcsr_mask = 0xffff;

    memset(f, 0, sizeof *f);
    memcpy(fx + 0, &s->fcw, 2);
    memcpy(fx + 2, &s->fsw, 2);
    fx[4] = s->ftw;
    memcpy(fx + 6, &s->fop, 2);
    memcpy(fx + 8, &s->fip, 8);
    memcpy(fx + 16, &s->fdp, 8);
    memcpy(fx + 24, &s->mxcsr, 4);
    memcpy(fx + 28, &mxcsr_mask, 4);
    for (unsigned i = 0; i < 8; i++)
        memcpy(fx + 32 + 16 * i, s->st[i], sizeof s->st[i]);
    memcpy(fx + 160, s->xmm, sizeof s->xmm);
}

/* The general registers of s as NT_PRSTATUS holds them. */
static void regs_of(const struct hvt_cpu_state *s, struct core_regs *r)
{
    const uint64_t *g = s->gpr; /* rax rbx rcx rdx rsi rdi rbp rsp r8-r15 */

    *r = (struct core_regs){.r15 = g[15],
                            .r14 = g[14],
                            .r13 = g[13],
                            .r12 = g[12],
                            .rbp = g[6],
                            .rbx = g[1],
                            .r11 = g[11],
                            .r10 = g[10],
                            .r9 = g[9],
                            .r8 = g[8],
                            .rax = g[0],
                            .rcx = g[2],
                            .rdx = g[3],
                            .rsi = g[4],
                            .rdi = g[5],
                            .orig_rax = ~0ULL,
                            .rip = s->rip,
                            .cs = s->seg[0],
                            .eflags = s->rflags,
                            .rsp = g[7],
                            .ss = s->seg[1],
                            .fs_base = s->fs_base,
                            .gs_base = s->gs_base,
                            .ds = s->seg[2],
                            .es = s->seg[3],
                            .fs = s->seg[4],
                            .gs = s->seg[5]};
}

/* After a trap the HALT cookie is the guest's trap frame: the core shows
 * where the trap happened, not the bindings' way to HALT. */
static void apply_trap_frame(const struct hvt *h, struct core_regs *r)
{
    const struct hvt_trap_frame *tf =
        gmem_ptr(&h->mem, h->halt_cookie, sizeof *tf);

    if (tf == NULL)
        return;
    r->rip = tf->rip;
    r->cs = tf->cs;
    r->eflags = tf->rflags;
    r->rsp = tf->rsp;
    r->ss = tf->ss;
}

/* Names the core file DIR/core.solo5-hvt.PID and writes it, on one line. */
static void dump(struct hvt *h, int sig)
{
    struct hvt_cpu_state s = {0};
    struct core_regs regs;
    struct core_fpu fpu;
    const struct core_range all = {0, h->mem.host, h->alloc_size};
    long rc;

    if (on_vcpu_thread)
        hvt_vcpu_state_get(h, &s);
    regs_of(&s, &regs);
    fxsave_of(&s, &fpu);
    if (sig == SIGSEGV)
        apply_trap_frame(h, &regs);
    rc = core_file_link(&cf);
    if (rc != 0) {
        warnx("dumpcore: could not name the guest core file %s/%s: %s", shown,
              cf.name, strerror((int)-rc));
        return;
    }
    warnx("dumpcore: dumping guest core to: %s/%s", shown, cf.name);
    if (core_write(cf.fd, &regs, &fpu, sig, &all, 1) != 0)
        warnx("dumpcore: could not write the guest core file %s/%s", shown,
              cf.name);
}

/*
 * A core for a guest abort (HALT with status 255: SIGABRT), a trap (HALT
 * with a trap frame as cookie: SIGSEGV) or a fatal condition once the guest
 * ran (SIGKILL); a normal exit, or an error before the guest ran, leaves
 * none.
 */
static void dumpcore_exit(struct tender *t, int status, bool fatal)
{
    struct hvt *h = hvt_of(t);

    if (cf.fd < 0 || !h->started)
        return;
    if (fatal)
        dump(h, SIGKILL);
    else if (status == 255)
        dump(h, h->halt_cookie != 0 ? SIGSEGV : SIGABRT);
}

/*
 * Only with --dumpcore: KVM_GET_FPU on the vCPU (the general registers come
 * with each exit), naming the file (linkat of exactly these names), pwrite
 * of the core fd. The line goes to stderr like every fatal message.
 */
static void rules(struct tender *t, struct sandbox *sb)
{
    if (cf.fd < 0)
        return;
    hvt_vm_state_sandbox(hvt_of(t), sb);
    core_file_rules(&cf, sb);
}

static const struct tender_module dumpcore_module = {
    .name = "dumpcore",
    .usage = "  [ --dumpcore=DIR ] (on a guest abort, trap or fatal error, "
             "write its core to DIR/core.solo5-hvt.PID)\n",
    .handle_option = handle_option,
    .setup = setup,
    .rules = rules,
    .exit = dumpcore_exit,
};
TENDER_MODULE(dumpcore, dumpcore_module);
TENDER_MODULE_OPTIONS(dumpcore, "--dumpcore");
