/* solo5-hvt KVM x86_64 vCPU registers and debugging, for gdb and dumpcore. */
/* In the kit's libmodules.a: a tender without those modules links none of it.
 */
#include "hvt_module_vcpu.h"

#include <errno.h>
#include <linux/kvm.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>

#include "hvt_module_vcpu_x86_64.h"

static void vcpu_ioctl(int fd, unsigned long req, void *arg, const char *what)
{
    if (ioctl(fd, req, arg) < 0)
        hvt_die("KVM: %s: %s", what, strerror(errno));
}

void hvt_vcpu_state_get(struct hvt *h, struct hvt_cpu_state *s)
{
    const struct kvm_run *run = h->vcpu_page;
    const struct kvm_regs *r = &run->s.regs.regs;
    const struct kvm_sregs *sr = &run->s.regs.sregs;
    const uint64_t gpr[16] = {r->rax, r->rbx, r->rcx, r->rdx, r->rsi, r->rdi,
                              r->rbp, r->rsp, r->r8,  r->r9,  r->r10, r->r11,
                              r->r12, r->r13, r->r14, r->r15};
    struct kvm_fpu f;

    vcpu_ioctl(h->vcpu_fd, KVM_GET_FPU, &f, "KVM_GET_FPU");
    memcpy(s->gpr, gpr, sizeof gpr);
    s->rip = r->rip;
    s->rflags = r->rflags;
    s->cr3 = sr->cr3;
    s->seg[0] = sr->cs.selector;
    s->seg[1] = sr->ss.selector;
    s->seg[2] = sr->ds.selector;
    s->seg[3] = sr->es.selector;
    s->seg[4] = sr->fs.selector;
    s->seg[5] = sr->gs.selector;
    s->fs_base = sr->fs.base;
    s->gs_base = sr->gs.base;
    for (unsigned i = 0; i < 8; i++)
        memcpy(s->st[i], f.fpr[i], sizeof s->st[i]);
    s->fcw = f.fcw;
    s->fsw = f.fsw;
    s->ftw = f.ftwx;
    s->fop = f.last_opcode;
    s->fip = f.last_ip;
    s->fdp = f.last_dp;
    memcpy(s->xmm, f.xmm, sizeof s->xmm);
    s->mxcsr = f.mxcsr;
}

void hvt_vcpu_state_set(struct hvt *h, const struct hvt_cpu_state *s)
{
    struct kvm_run *run = h->vcpu_page;
    struct kvm_regs *r = &run->s.regs.regs;
    struct kvm_sregs *sr = &run->s.regs.sregs;
    __u64 *gpr[16] = {&r->rax, &r->rbx, &r->rcx, &r->rdx, &r->rsi, &r->rdi,
                      &r->rbp, &r->rsp, &r->r8,  &r->r9,  &r->r10, &r->r11,
                      &r->r12, &r->r13, &r->r14, &r->r15};
    struct kvm_fpu f;

    for (unsigned i = 0; i < 16; i++)
        *gpr[i] = s->gpr[i];
    r->rip = s->rip;
    r->rflags = s->rflags;
    /* Now, not at the next KVM_RUN: a single step set up after this
     * starts from this RIP. */
    vcpu_ioctl(h->vcpu_fd, KVM_SET_REGS, r, "KVM_SET_REGS");
    if (sr->fs.base != s->fs_base || sr->gs.base != s->gs_base) {
        sr->fs.base = s->fs_base;
        sr->gs.base = s->gs_base;
        run->kvm_dirty_regs |= KVM_SYNC_X86_SREGS;
    }
    vcpu_ioctl(h->vcpu_fd, KVM_GET_FPU, &f, "KVM_GET_FPU");
    for (unsigned i = 0; i < 8; i++)
        memcpy(f.fpr[i], s->st[i], sizeof s->st[i]);
    f.fcw = s->fcw;
    f.fsw = s->fsw;
    f.ftwx = s->ftw;
    f.last_opcode = s->fop;
    f.last_ip = s->fip;
    f.last_dp = s->fdp;
    memcpy(f.xmm, s->xmm, sizeof f.xmm);
    f.mxcsr = s->mxcsr;
    vcpu_ioctl(h->vcpu_fd, KVM_SET_FPU, &f, "KVM_SET_FPU");
}

void hvt_vcpu_debug(struct hvt *h, bool step, const uint64_t addr[4],
                    uint64_t ctl)
{
    struct kvm_guest_debug d = {0};

    if (step || ctl != 0)
        d.control = KVM_GUESTDBG_ENABLE;
    if (step)
        d.control |= KVM_GUESTDBG_SINGLESTEP;
    if (ctl != 0)
        d.control |= KVM_GUESTDBG_USE_HW_BP;
    for (unsigned i = 0; i < 4; i++)
        d.arch.debugreg[i] = addr[i];
    d.arch.debugreg[7] = ctl;
    vcpu_ioctl(h->vcpu_fd, KVM_SET_GUEST_DEBUG, &d, "KVM_SET_GUEST_DEBUG");
}

void hvt_vm_debug_sandbox(const struct hvt *h, struct sandbox *sb)
{
    static const unsigned long reqs[] = {KVM_SET_REGS, KVM_SET_FPU,
                                         KVM_SET_GUEST_DEBUG};

    hvt_vm_state_sandbox(h, sb);
    for (unsigned i = 0; i < sizeof reqs / sizeof reqs[0]; i++)
        sandbox_allow(sb, SYS_ioctl, 2, 0u, SANDBOX_EQ, (uint64_t)h->vcpu_fd,
                      1u, SANDBOX_EQ, (uint64_t)reqs[i]);
}

void hvt_vm_state_sandbox(const struct hvt *h, struct sandbox *sb)
{
    /* The general registers come with every exit (sync_regs). */
    sandbox_allow(sb, SYS_ioctl, 2, 0u, SANDBOX_EQ, (uint64_t)h->vcpu_fd, 1u,
                  SANDBOX_EQ, (uint64_t)KVM_GET_FPU);
}
