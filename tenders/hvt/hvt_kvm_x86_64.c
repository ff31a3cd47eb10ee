/* solo5-hvt KVM backend for x86_64: the only file that speaks KVM. */
#include "hvt.h"

#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "hvt_cpu_x86_64.h"

#define KVM_API 12
#define CPUID_MAX 256
#define CR0_PG (1ULL << 31)
#define CR4_LA57 (1ULL << 12)
#define EFER_LMA (1ULL << 10)

/* /dev/kvm and the vCPU's shared page; the VM and vCPU descriptors are
 * h->vm_fd and h->vcpu_fd. */
static struct {
    int kvm;
    struct kvm_run *run;
    size_t run_size;
} kvm = {-1, NULL, 0};

static int kvm_ioctl(int fd, unsigned long req, void *arg, const char *what)
{
    int rc = ioctl(fd, req, arg);

    if (rc < 0)
        hvt_die("KVM: %s: %s", what, strerror(errno));
    return rc;
}

/* The host's CPUID, as KVM can virtualize it, passed through unchanged. */
static struct {
    struct kvm_cpuid2 c;
    struct kvm_cpuid_entry2 e[CPUID_MAX];
} cpuid = {.c.nent = CPUID_MAX};

/* KVM copies the registers into the shared run page at every exit, so a
 * fatal message can name RIP, and a hypercall's instruction can be found,
 * without an ioctl the sandbox would allow. */
#define SYNC_REGS (KVM_SYNC_X86_REGS | KVM_SYNC_X86_SREGS)

void hvt_vm_open(struct hvt *h)
{
    int caps;

    kvm.kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    if (kvm.kvm < 0)
        hvt_die("Could not open: /dev/kvm: %s", strerror(errno));
    if (ioctl(kvm.kvm, KVM_GET_API_VERSION, 0) != KVM_API)
        hvt_die("KVM: unsupported API version (want %d)", KVM_API);
    caps = ioctl(kvm.kvm, KVM_CHECK_EXTENSION, KVM_CAP_SYNC_REGS);
    if (caps < 0 || (caps & SYNC_REGS) != SYNC_REGS)
        hvt_die("KVM: host does not support KVM_CAP_SYNC_REGS");
    if (ioctl(kvm.kvm, KVM_CHECK_EXTENSION, KVM_CAP_GET_TSC_KHZ) <= 0)
        hvt_die("KVM: host does not support KVM_CAP_GET_TSC_KHZ");
    kvm.run_size = (size_t)kvm_ioctl(kvm.kvm, KVM_GET_VCPU_MMAP_SIZE, NULL,
                                     "KVM_GET_VCPU_MMAP_SIZE");
    kvm_ioctl(kvm.kvm, KVM_GET_SUPPORTED_CPUID, &cpuid,
              "KVM_GET_SUPPORTED_CPUID");
    /* A copy of this descriptor holds the vCPU's number until it exists. */
    if ((h->vcpu_fd = fcntl(kvm.kvm, F_DUPFD_CLOEXEC, 3)) < 0)
        hvt_die("Could not reserve a descriptor: %s", strerror(errno));
}

void hvt_vm_create(struct hvt *h)
{
    struct kvm_userspace_memory_region region = {
        .memory_size = h->alloc_size, /* slot 0 at guest address 0 */
        .userspace_addr = (uint64_t)(uintptr_t)h->mem.host,
    };
    int vcpu, khz;

    h->vm_fd = kvm_ioctl(kvm.kvm, KVM_CREATE_VM, 0, "KVM_CREATE_VM");
    kvm_ioctl(h->vm_fd, KVM_SET_USER_MEMORY_REGION, &region,
              "KVM_SET_USER_MEMORY_REGION");
    vcpu = kvm_ioctl(h->vm_fd, KVM_CREATE_VCPU, 0, "KVM_CREATE_VCPU");
    /* The vCPU takes the number hvt_vm_open held, which the allowlist pins. */
    if (dup3(vcpu, h->vcpu_fd, O_CLOEXEC) < 0 || close(vcpu) != 0)
        hvt_die("KVM: cannot move the vCPU: %s", strerror(errno));
    kvm.run = mmap(NULL, kvm.run_size, PROT_READ | PROT_WRITE, MAP_SHARED,
                   h->vcpu_fd, 0);
    if (kvm.run == MAP_FAILED)
        hvt_die("KVM: cannot map the vCPU: %s", strerror(errno));
    h->vcpu_page = kvm.run;
    kvm.run->kvm_valid_regs = SYNC_REGS;
    kvm_ioctl(h->vcpu_fd, KVM_SET_CPUID2, &cpuid, "KVM_SET_CPUID2");
    khz = ioctl(h->vcpu_fd, KVM_GET_TSC_KHZ, 0);
    if (khz < 0 && errno == EIO)
        hvt_die("KVM: host TSC is unstable, cannot continue");
    if (khz <= 0)
        hvt_die("KVM: KVM_GET_TSC_KHZ: %s", strerror(errno));
    h->tsc_freq = (uint64_t)khz * 1000;
}

/* The boot state goes into the run page, and the first KVM_RUN loads it
 * from there (kvm_dirty_regs): a debugger may read it there before. */
void hvt_vcpu_boot(struct hvt *h, uint64_t entry, uint64_t sp, uint64_t arg)
{
    struct kvm_sregs *sr = &kvm.run->s.regs.sregs;

    kvm_ioctl(h->vcpu_fd, KVM_GET_SREGS, sr, "KVM_GET_SREGS");
    hvt_x86_boot_state(sr, &kvm.run->s.regs.regs, entry, sp, arg);
    kvm.run->kvm_dirty_regs = KVM_SYNC_X86_REGS | KVM_SYNC_X86_SREGS;
}

void hvt_vm_sandbox(const struct hvt *h, struct sandbox *sb)
{
    /* The vCPU loop runs the guest, and nothing else: its registers come
     * with every exit (sync_regs). */
    sandbox_allow(sb, SYS_ioctl, 2, 0u, SANDBOX_EQ, (uint64_t)h->vcpu_fd, 1u,
                  SANDBOX_EQ, (uint64_t)KVM_RUN);
}

/* The debugger the vCPU loop reports to; the gdb module sets it, and
 * hvt_module_vcpu_kvm_x86_64.c reads and arms the vCPU for it. */
const struct hvt_debugger *hvt_debugger;

static unsigned long long guest_rip(void)
{
    return kvm.run->s.regs.regs.rip;
}

static const char *exit_name(uint32_t reason)
{
    static const char *const names[] = {
        [KVM_EXIT_UNKNOWN] = "UNKNOWN",
        [KVM_EXIT_EXCEPTION] = "EXCEPTION",
        [KVM_EXIT_IO] = "IO",
        [KVM_EXIT_HYPERCALL] = "HYPERCALL",
        [KVM_EXIT_DEBUG] = "DEBUG",
        [KVM_EXIT_HLT] = "HLT",
        [KVM_EXIT_MMIO] = "MMIO",
        [KVM_EXIT_IRQ_WINDOW_OPEN] = "IRQ",
        [KVM_EXIT_SHUTDOWN] = "SHUTDOWN (triple fault)",
        [KVM_EXIT_FAIL_ENTRY] = "FAIL_ENTRY",
        [KVM_EXIT_INTR] = "INTR",
        [KVM_EXIT_INTERNAL_ERROR] = "INTERNAL_ERROR",
    };

    if (reason < sizeof names / sizeof names[0] && names[reason] != NULL)
        return names[reason];
    return "other";
}

/*
 * Did an OUT of EAX send v? KVM reports each element of a string OUT (rep
 * outsl) as an exit of its own with count 1 and RIP at the string
 * instruction, as an OUT's exit has RIP at the OUT. So the value must be
 * EAX and the instruction at RIP (64-bit mode) an OUT of EAX.
 */
static bool from_out_eax(const struct hvt *h, uint32_t v)
{
    const struct kvm_regs *r = &kvm.run->s.regs.regs;
    const struct kvm_sregs *sr = &kvm.run->s.regs.sregs;

    if ((uint32_t)r->rax != v || !(sr->cr0 & CR0_PG) ||
        !(sr->efer & EFER_LMA) || (sr->cr4 & CR4_LA57) || !sr->cs.l)
        return false;
    return hvt_x86_out_eax_at(&h->mem, sr->cr3, r->rip);
}

/* A hypercall is exactly one 4-byte OUT of EAX to a hypercall port. */
static void handle_io(struct hvt *h)
{
    const struct kvm_run *r = kvm.run;
    unsigned port = r->io.port;
    uint32_t gpa = 0;

    if (r->io.data_offset <= kvm.run_size - sizeof gpa)
        memcpy(&gpa, (const uint8_t *)r + r->io.data_offset, sizeof gpa);
    if (r->io.direction != KVM_EXIT_IO_OUT || r->io.size != 4 ||
        r->io.count != 1 || port < HVT_HYPERCALL_PIO_BASE ||
        port >= HVT_HYPERCALL_PIO(HVT_HYPERCALL_MAX) ||
        r->io.data_offset > kvm.run_size - sizeof gpa || !from_out_eax(h, gpa))
        hvt_die("Invalid guest port access: port=0x%x, rip=0x%llx", port,
                guest_rip());
    hvt_hypercall(h, port - HVT_HYPERCALL_PIO_BASE, gpa);
}

/* A write to guest memory the host maps read-only: KVM reports it as
 * EFAULT from KVM_RUN or, on some hypervisors, as an MMIO write. */
static void translation_fault(void)
{
    hvt_die("KVM: host/guest translation fault: rip=0x%llx", guest_rip());
}

static void handle_exit(struct hvt *h)
{
    const struct kvm_run *r = kvm.run;

    switch (r->exit_reason) {
    case KVM_EXIT_IO:
        handle_io(h);
        return;
    case KVM_EXIT_HLT:
    case KVM_EXIT_DEBUG:
        if (hvt_debugger != NULL &&
            (r->exit_reason == KVM_EXIT_HLT
                 ? hvt_debugger->stop(h, HVT_DEBUG_HLT, 0)
                 : hvt_debugger->stop(h, HVT_DEBUG_TRAP, r->debug.arch.dr6)))
            return;
        break;
    case KVM_EXIT_MMIO:
        if (r->mmio.is_write && r->mmio.phys_addr < h->alloc_size)
            translation_fault();
        hvt_die("KVM: unhandled exit: exit_reason=0x%x (MMIO), gpa=0x%llx, "
                "rip=0x%llx",
                r->exit_reason, (unsigned long long)r->mmio.phys_addr,
                guest_rip());
    case KVM_EXIT_FAIL_ENTRY:
        hvt_die(
            "KVM: entry failure: hw_entry_failure_reason=0x%llx",
            (unsigned long long)r->fail_entry.hardware_entry_failure_reason);
    case KVM_EXIT_INTERNAL_ERROR:
        hvt_die("KVM: internal error exit: suberror=0x%x, rip=0x%llx",
                r->internal.suberror, guest_rip());
    default:
        break;
    }
    hvt_die("KVM: unhandled exit: exit_reason=0x%x (%s), rip=0x%llx",
            r->exit_reason, exit_name(r->exit_reason), guest_rip());
}

void hvt_vcpu_run(struct hvt *h)
{
    if (hvt_debugger != NULL)
        hvt_debugger->stop(h, HVT_DEBUG_START, 0);
    for (;;) {
        if (__builtin_expect(hvt_tracer != NULL, 0))
            hvt_tracer->run();
        if (ioctl(h->vcpu_fd, KVM_RUN, 0) < 0) {
            if (errno == EINTR || errno == EAGAIN)
                continue;
            if (errno == EFAULT)
                translation_fault();
            hvt_die("KVM: KVM_RUN: %s", strerror(errno));
        }
        if (__builtin_expect(hvt_tracer != NULL, 0))
            hvt_tracer->exit(exit_name(kvm.run->exit_reason));
        handle_exit(h);
    }
}
