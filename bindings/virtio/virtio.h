/* Kiln virtio bindings internals: boot, serial, PIC/PIT, PCI, virtqueues. */
#ifndef KILN_VIRTIO_H
#define KILN_VIRTIO_H

#include "bindings.h"
#include "metal/metal.h"

#include <stdbool.h>

/* The ABI1 note's version for virtio: always 1 (no tender checks it). */
#define VIRTIO_ABI_VERSION 1

/* The multiboot v1 information block, up to the memory map fields. */
struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper;
    uint32_t boot_device;
    uint32_t cmdline;
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
} __attribute__((packed));

/* ---- virtio_boot_x86_64.S */

/* Calls fn on a fresh stack ending at top; never returns. */
void virtio_stack_switch(uint64_t top, void (*fn)(void)) NORETURN;

/* ---- virtio_start.c */

/* Called by _start32 in long mode on the 4 KiB boot stack. */
void _start(const struct multiboot_info *mbi) NORETURN NO_SSP;

/* Memory size the devices reserve their queues and buffers in. */
extern uint64_t virtio_mem_size;

/* The bindings' copy of the manifest note: devices fill their entries there. */
extern struct mft *virtio_mft;

/* Physical address pa as a pointer: the boot page tables map 0-4 GiB 1:1. */
const void *virtio_phys(uint64_t pa);

/* ---- virtio_multiboot.c */

/* Memory size: the end of the available region at 1 MiB, capped at 1 GiB;
 * the map's entries must lie below 4 GiB. */
uint64_t multiboot_mem_size(const struct multiboot_info *mbi);

/* The loader's command line minus its first token, copied to our buffer;
 * *truncated tells whether it had to be cut (or ran into 4 GiB). */
const char *multiboot_cmdline(const struct multiboot_info *mbi,
                              bool *truncated);

/* ---- virtio_serial.c */

/* Sets COM1 to 115200 baud 8N1, no interrupts. */
void serial_init(void);

/* ---- virtio_acpi.c */

/* Tries an ACPI S5 power-off; returns if there is no ACPI or it failed. */
void acpi_poweroff(void) NO_SSP;

/* ---- virtio_pic.c */

/* Remaps the 8259 PICs to vectors 32-47, every line masked; installs gates. */
void pic_init(void);

/* Unmasks IRQ line irq (0-15); the IRQ stubs mask it again when it fires. */
void pic_unmask(unsigned irq);

/* ---- virtio_irq_x86_64.S */

/* Entry stubs for vectors 32-47: mask the line, EOI, return. */
extern const uintptr_t virtio_irq_stubs[16];

/* ---- virtio_time.c */

/* Calibrates the TSC against the PIT and reads the RTC once. */
void time_init(void);

/* The IRQ lines of the attached devices, one bit per line. */
extern uint16_t virtio_irq_lines;

/* Sleeps until an interrupt: the PIT after ns at most, or a device's. */
void sleep_at_most(uint64_t ns);

/* ---- virtio_pci.c */

/* A legacy virtio PCI function: I/O base, IRQ line, virtio device type. */
struct pci_virtio {
    uint16_t iobase;
    uint8_t irq;
    uint16_t subsys;
};

/* Finds every virtio function and hands it to the device layer in order. */
void pci_scan(void);

/* ---- virtio_ring.c: legacy split virtqueues */

struct vring_desc {
    uint64_t addr;
    uint32_t len;
    uint16_t flags;
    uint16_t next;
};

struct vring_used_elem {
    uint32_t id;
    uint32_t len;
};

struct virtq {
    uint16_t iobase, index, num;
    struct vring_desc *desc;
    volatile uint16_t *avail; /* flags, idx, ring[num], used_event */
    volatile uint16_t *used;  /* flags, idx, then the elements */
    uint16_t last_used;       /* next used index to consume */
    uint16_t next_avail;      /* next avail index to publish */
    uint16_t notified;        /* avail index at the last notify */
    bool event_idx;
};

/* Sets up queue index of the device at iobase in reserved memory; false if
 * the device has no such queue or memory ran out. */
bool virtq_init(struct virtq *q, uint16_t iobase, uint16_t index,
                uint64_t mem_size);

/* Publishes descriptor head in the available ring (no notify). */
void virtq_push(struct virtq *q, uint16_t head);

/* Tells the device about newly published buffers, if it wants to know. */
void virtq_notify(struct virtq *q);

/* Takes the next used element; false if there is none. Checks nothing. */
bool virtq_pop(struct virtq *q, struct vring_used_elem *e);

/* Whether the device has returned a buffer not yet taken. */
bool virtq_pending(const struct virtq *q);

/* ---- virtio_dev.c: legacy device registers, manifest matching */

#define VIRTIO_REG_HOST_FEATURES 0
#define VIRTIO_REG_GUEST_FEATURES 4
#define VIRTIO_REG_QUEUE_PFN 8
#define VIRTIO_REG_QUEUE_SIZE 12
#define VIRTIO_REG_QUEUE_SELECT 14
#define VIRTIO_REG_QUEUE_NOTIFY 16
#define VIRTIO_REG_STATUS 18
#define VIRTIO_REG_ISR 19
#define VIRTIO_REG_CONFIG 20

#define VIRTIO_STATUS_ACK 1
#define VIRTIO_STATUS_DRIVER 2
#define VIRTIO_STATUS_DRIVER_OK 4

/* Resets the device, acknowledges it, and returns its feature bits. */
uint32_t virtio_dev_begin(uint16_t iobase);

/* Writes the features we accept. */
void virtio_dev_features(uint16_t iobase, uint32_t features);

/* Marks the device ready for use. */
void virtio_dev_ready(uint16_t iobase);

/* The next manifest entry in discovery order, which must have type, or a
 * boot abort; NULL (with a warning) if the manifest has no entries left. */
struct mft_entry *dev_next_entry(mft_type_t type);

/* Adds a device's PCI interrupt line to those yield and I/O waits use. */
void dev_irq_add(uint8_t irq);

/* Aborts boot unless every manifest device was found. */
void dev_check_all_attached(void);

/* ---- virtio_net.c */

/* Attaches the virtio-net function f to the next manifest entry. */
void net_attach(const struct pci_virtio *f);

/* The set of net handles with a received frame waiting; acknowledges ISRs. */
solo5_handle_set_t net_ready_set(void);

/* Waits a little for the frames queued on every device to be sent. */
void net_drain(void);

/* ---- virtio_blk_limits.c (bench/ links a one-sector variant instead) */

/* Our own bounds on the virtio-blk requests, below the device's. */
struct blk_limits {
    uint32_t seg_bytes;   /* most bytes of one data descriptor (not 0) */
    uint32_t chain_bytes; /* most data bytes of one request chain */
    uint16_t inflight;    /* most chains in flight at once (not 0) */
    uint32_t max_request; /* offered with MFT_BLOCK_F_MULTI; 0: one block */
};

/* The limits this build of the bindings uses. */
const struct blk_limits *blk_limits(void);

/* ---- virtio_blk.c */

/* Attaches the virtio-blk function f to the next manifest entry. */
void blk_attach(const struct pci_virtio *f);

#endif /* KILN_VIRTIO_H */
