/* solo5-hvt net module internals: frame size, the ring's host side. */
#ifndef KILN_HVT_MODULE_NET_H
#define KILN_HVT_MODULE_NET_H

#include "hvt.h"

/* Largest frame a net device carries: its MTU plus the Ethernet header. */
static inline uint64_t hvt_frame_max(const struct mft_entry *e)
{
    return (uint64_t)e->u.net_basic.mtu + 14;
}

/* Bytes at the top of guest memory the net ring takes when offered. */
#define HVT_RING_AREA                                                          \
    ((HVT_RING_SIZE + HVT_PAGE_SIZE - 1) & ~(HVT_PAGE_SIZE - 1))

/*
 * Serves ring submissions from ent_head up to a snapshot of ent_tail: writes
 * frames, completes reads. Entries are checked like hypercall arguments;
 * bad handles are skipped or answered EINVAL. Returns how many it served.
 */
unsigned hvt_ring_serve(struct hvt *h, struct hvt_ring *ring);

/* True if the guest has submitted entries not yet served. */
bool hvt_ring_pending(const struct hvt_ring *ring);

/* True if the hypervisor can turn a guest OUT into an eventfd signal, asked
 * before the VM exists (hvt_module_net_<backend>_<arch>.c). */
bool hvt_vm_can_kick(void);

/* Makes a 4-byte guest OUT to port signal eventfd fd without an exit: 0, or
 * -1 if the hypervisor refuses (hvt_module_net_<backend>_<arch>.c). */
int hvt_vm_kick_fd(struct hvt *h, unsigned port, int fd);

#endif /* KILN_HVT_MODULE_NET_H */
