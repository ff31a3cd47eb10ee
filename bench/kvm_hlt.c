/* The hvt baselines: a minimal KVM program (one HLT), or N OUT exits timed. */
#include <err.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#define MEM_SIZE 0x10000 /* guest memory at GPA 0 */
#define CODE_ADDR 0x1000
#define OUT_PORT 0x501 /* WALLTIME's port, which no one serves here */

/* hlt */
static const uint8_t hlt_code[] = {0xf4};

/*
 * Real mode, ecx = N: rdtsc into edi:esi, then N times a 4-byte OUT to
 * OUT_PORT, rdtsc into edx:eax, hlt.
 */
static const uint8_t out_code[] = {
    0x0f, 0x31,       /* rdtsc */
    0x66, 0x89, 0xc6, /* mov %eax, %esi */
    0x66, 0x89, 0xd7, /* mov %edx, %edi */
    0xba, 0x01, 0x05, /* mov $OUT_PORT, %dx */
    0x66, 0xef,       /* 1: out %eax, (%dx) */
    0x66, 0x49,       /* dec %ecx */
    0x75, 0xfa,       /* jnz 1b */
    0x0f, 0x31,       /* rdtsc */
    0xf4,             /* hlt */
};

struct vm {
    int kvm, vm, vcpu;
    struct kvm_run *run;
};

static int kvm_ioctl(int fd, unsigned long req, void *arg, const char *what)
{
    int r = ioctl(fd, req, arg);

    if (r < 0)
        err(1, "%s", what);
    return r;
}

/* Guest memory holding code at CODE_ADDR. */
static void setup_memory(struct vm *v, const uint8_t *code, size_t len)
{
    uint8_t *mem = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    struct kvm_userspace_memory_region region = {
        .memory_size = MEM_SIZE,
        .userspace_addr = (uintptr_t)mem,
    };

    if (mem == MAP_FAILED)
        err(1, "mmap");
    memcpy(mem + CODE_ADDR, code, len);
    kvm_ioctl(v->vm, KVM_SET_USER_MEMORY_REGION, &region,
              "KVM_SET_USER_MEMORY_REGION");
}

/* One vCPU in real mode at CODE_ADDR with ecx = count. */
static void setup_vcpu(struct vm *v, uint64_t count)
{
    struct kvm_regs regs = {.rip = CODE_ADDR, .rflags = 2, .rcx = count};
    struct kvm_sregs sregs;
    int size;

    v->vcpu = kvm_ioctl(v->vm, KVM_CREATE_VCPU, 0, "KVM_CREATE_VCPU");
    size =
        kvm_ioctl(v->kvm, KVM_GET_VCPU_MMAP_SIZE, 0, "KVM_GET_VCPU_MMAP_SIZE");
    v->run = mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_SHARED,
                  v->vcpu, 0);
    if (v->run == MAP_FAILED)
        err(1, "mmap vcpu");
    kvm_ioctl(v->vcpu, KVM_GET_SREGS, &sregs, "KVM_GET_SREGS");
    sregs.cs.base = 0;
    sregs.cs.selector = 0;
    kvm_ioctl(v->vcpu, KVM_SET_SREGS, &sregs, "KVM_SET_SREGS");
    kvm_ioctl(v->vcpu, KVM_SET_REGS, &regs, "KVM_SET_REGS");
}

static void vm_create(struct vm *v, const uint8_t *code, size_t len,
                      uint64_t count)
{
    v->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    if (v->kvm < 0)
        err(1, "open /dev/kvm");
    v->vm = kvm_ioctl(v->kvm, KVM_CREATE_VM, 0, "KVM_CREATE_VM");
    setup_memory(v, code, len);
    setup_vcpu(v, count);
}

/* True if the exit is one of the guest's OUTs, which is then resumed. */
static int is_out(const struct kvm_run *r)
{
    return r->exit_reason == KVM_EXIT_IO && r->io.port == OUT_PORT &&
           r->io.direction == KVM_EXIT_IO_OUT && r->io.size == 4;
}

/* Runs the guest to its HLT; returns how many OUT exits it made. */
static uint64_t run_to_hlt(struct vm *v)
{
    uint64_t outs = 0;

    for (;;) {
        kvm_ioctl(v->vcpu, KVM_RUN, 0, "KVM_RUN");
        if (v->run->exit_reason == KVM_EXIT_HLT)
            return outs;
        if (!is_out(v->run))
            errx(1, "unexpected exit: reason %u", v->run->exit_reason);
        outs++;
    }
}

/* N exits: prints "ns_per_call X" from the guest's own TSC readings. */
static int out_bench(uint64_t n)
{
    struct kvm_regs regs;
    struct vm v;
    uint64_t t0, t1;
    int khz;

    vm_create(&v, out_code, sizeof out_code, n);
    if (run_to_hlt(&v) != n)
        errx(1, "the guest did not make %llu exits", (unsigned long long)n);
    kvm_ioctl(v.vcpu, KVM_GET_REGS, &regs, "KVM_GET_REGS");
    khz = kvm_ioctl(v.vcpu, KVM_GET_TSC_KHZ, 0, "KVM_GET_TSC_KHZ");
    t0 = (regs.rdi & 0xffffffff) << 32 | (regs.rsi & 0xffffffff);
    t1 = (regs.rdx & 0xffffffff) << 32 | (regs.rax & 0xffffffff);
    printf("ns_per_call %.1f\n", (double)(t1 - t0) * 1e6 / khz / (double)n);
    return 0;
}

/* usage: kvm_hlt  (one HLT, exit 0) | kvm_hlt out N  (N timed OUT exits) */
int main(int argc, char **argv)
{
    struct vm v;

    if (argc == 3 && strcmp(argv[1], "out") == 0 && atoll(argv[2]) > 0)
        return out_bench((uint64_t)atoll(argv[2]));
    if (argc != 1) {
        fprintf(stderr, "usage: kvm_hlt | kvm_hlt out N\n");
        return 2;
    }
    vm_create(&v, hlt_code, sizeof hlt_code, 0);
    if (run_to_hlt(&v) != 0)
        errx(1, "the guest exited other than by HLT");
    return 0;
}
