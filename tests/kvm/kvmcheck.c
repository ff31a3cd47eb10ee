/* Test tool: checks that /dev/kvm runs guest code (a 5-byte real-mode VM). */
#include <err.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#define GUEST_ADDR 0x1000

/* mov $42, %al; out %al, $0x10; hlt */
static const uint8_t code[] = {0xb0, 0x2a, 0xe6, 0x10, 0xf4};

static int kvm_ioctl(int fd, unsigned long req, void *arg, const char *what)
{
    int r = ioctl(fd, req, arg);

    if (r < 0)
        err(1, "%s", what);
    return r;
}

/* A VM with one page of memory holding code, and a vCPU about to run it. */
static int setup_vcpu(int kvm, struct kvm_run **run)
{
    int vm = kvm_ioctl(kvm, KVM_CREATE_VM, 0, "KVM_CREATE_VM");
    uint8_t *mem = mmap(NULL, 0x1000, PROT_READ | PROT_WRITE,
                        MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    struct kvm_userspace_memory_region region = {
        .guest_phys_addr = GUEST_ADDR,
        .memory_size = 0x1000,
        .userspace_addr = (uintptr_t)mem,
    };
    struct kvm_sregs sregs;
    struct kvm_regs regs = {.rip = GUEST_ADDR, .rflags = 2};
    int vcpu, size;

    if (mem == MAP_FAILED)
        err(1, "mmap");
    memcpy(mem, code, sizeof code);
    kvm_ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region, "KVM_SET_USER_MEM");
    vcpu = kvm_ioctl(vm, KVM_CREATE_VCPU, 0, "KVM_CREATE_VCPU");
    size = kvm_ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0, "KVM_GET_VCPU_MMAP_SIZE");
    *run =
        mmap(NULL, (size_t)size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
    if (*run == MAP_FAILED)
        err(1, "mmap vcpu");
    kvm_ioctl(vcpu, KVM_GET_SREGS, &sregs, "KVM_GET_SREGS");
    sregs.cs.base = 0;
    sregs.cs.selector = 0;
    kvm_ioctl(vcpu, KVM_SET_SREGS, &sregs, "KVM_SET_SREGS");
    kvm_ioctl(vcpu, KVM_SET_REGS, &regs, "KVM_SET_REGS");
    return vcpu;
}

int main(void)
{
    int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC), vcpu, api;
    struct kvm_run *run;
    uint8_t out;

    if (kvm < 0)
        err(1, "open /dev/kvm");
    api = kvm_ioctl(kvm, KVM_GET_API_VERSION, 0, "KVM_GET_API_VERSION");
    if (api != 12)
        errx(1, "KVM API version %d, want 12", api);
    vcpu = setup_vcpu(kvm, &run);
    kvm_ioctl(vcpu, KVM_RUN, 0, "KVM_RUN");
    if (run->exit_reason != KVM_EXIT_IO || run->io.port != 0x10 ||
        run->io.direction != KVM_EXIT_IO_OUT || run->io.size != 1)
        errx(1, "first exit: reason %u, want an OUT to port 0x10",
             run->exit_reason);
    out = *((uint8_t *)run + run->io.data_offset);
    if (out != 42)
        errx(1, "the guest wrote %u, want 42", out);
    kvm_ioctl(vcpu, KVM_RUN, 0, "KVM_RUN");
    if (run->exit_reason != KVM_EXIT_HLT)
        errx(1, "second exit: reason %u, want HLT", run->exit_reason);
    printf("kvmcheck: API 12, VM created, guest code ran: OUT 42, HLT\n");
    return 0;
}
