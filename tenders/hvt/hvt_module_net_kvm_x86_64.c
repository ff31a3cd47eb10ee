/* solo5-hvt net module, KVM x86_64: the ring's kicks as an ioeventfd. */
#include "hvt_module_net.h"

#include <linux/kvm.h>
#include <sys/ioctl.h>

int hvt_vm_kick_fd(struct hvt *h, unsigned port, int fd)
{
    struct kvm_ioeventfd ev = {
        .addr = port, .len = 4, .fd = fd, .flags = KVM_IOEVENTFD_FLAG_PIO};

    /* A host without KVM_CAP_IOEVENTFD refuses the ioctl itself. */
    return ioctl(h->vm_fd, KVM_IOEVENTFD, &ev) == 0 ? 0 : -1;
}
