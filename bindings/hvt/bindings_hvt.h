/* Kiln hvt bindings internals: boot info, hypercalls, the network ring. */
#ifndef KILN_BINDINGS_HVT_H
#define KILN_BINDINGS_HVT_H

#include "bindings.h"
#include "hvt_abi.h"
#include "metal/metal.h"

#include <stdbool.h>

/* What the tender handed over at entry; set by _start before anything else. */
extern const struct hvt_boot_info *hvt_boot_info;

/* The ELF entry point: the tender jumps here with rsp = mem_size - 8. */
void _start(const struct hvt_boot_info *bi) NORETURN NO_SSP;

/*
 * Hypercall nr with argument struct arg: a 32-bit OUT of its guest-physical
 * address (all guest memory lies below 4 GiB). The OUT is a full compiler
 * barrier: arg is complete before it and read back after it.
 */
static inline void bindings_hvt_hypercall(enum hvt_hypercall nr, void *arg)
{
    cpu_outl((uint16_t)HVT_HYPERCALL_PIO(nr), (uint32_t)(uintptr_t)arg);
}

/* ---- hvt_ring.c: the shared-memory network ring (spec 4.13) */

/*
 * Uses the ring if the tender offers it and the per-slot write buffers fit
 * in memory; otherwise net I/O stays on hypercalls. Call before start_common.
 */
void ring_setup(const struct hvt_boot_info *bi);

/* Whether ring_setup took the ring into use. */
bool ring_active(void);

/* Queues frame buf[0..size) for handle; size at most HVT_RING_BUF_SIZE. */
solo5_result_t ring_net_write(solo5_handle_t handle, const uint8_t *buf,
                              size_t size);

/* Reads one frame for handle through the ring, waiting for the host. */
solo5_result_t ring_net_read(solo5_handle_t handle, uint8_t *buf, size_t size,
                             size_t *read_size);

/* Waits until the host has taken every queued submission. */
void ring_drain(void);

#endif /* KILN_BINDINGS_HVT_H */
