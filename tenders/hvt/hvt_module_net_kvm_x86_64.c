/* solo5-hvt net module, KVM x86_64: the ring's kicks as an ioeventfd. */
#include "hvt_module_net.h"

#include <fcntl.h>
#include <linux/kvm.h>
#include <sys/ioctl.h>
#include <unistd.h>

bool hvt_vm_can_kick(void)
{
    int fd = open("/dev/kvm", O_RDWR | O_CLOEXEC);
    bool can = fd >= 0 && ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_IOEVENTFD) > 0;

    if (fd >= 0)
        close(fd);
    return can;
}

int hvt_vm_kick_fd(struct hvt *h, unsigned port, int fd)
{
    struct kvm_ioeventfd ev = {
        .addr = port, .len = 4, .fd = fd, .flags = KVM_IOEVENTFD_FLAG_PIO};

    return ioctl(h->vm_fd, KVM_IOEVENTFD, &ev) == 0 ? 0 : -1;
}
