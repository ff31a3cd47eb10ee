/* Kiln virtio devices: legacy status handshake, manifest matching. */
#include "virtio.h"

/* The next manifest index to give a discovered device (0 is reserved). */
static uint32_t next_index = 1;

uint32_t virtio_dev_begin(uint16_t iobase)
{
    cpu_outb(iobase + VIRTIO_REG_STATUS, 0); /* reset */
    cpu_outb(iobase + VIRTIO_REG_STATUS, VIRTIO_STATUS_ACK);
    cpu_outb(iobase + VIRTIO_REG_STATUS,
             VIRTIO_STATUS_ACK | VIRTIO_STATUS_DRIVER);
    return cpu_inl(iobase + VIRTIO_REG_HOST_FEATURES);
}

void virtio_dev_features(uint16_t iobase, uint32_t features)
{
    cpu_outl(iobase + VIRTIO_REG_GUEST_FEATURES, features);
}

void virtio_dev_ready(uint16_t iobase)
{
    cpu_outb(iobase + VIRTIO_REG_STATUS, VIRTIO_STATUS_ACK |
                                             VIRTIO_STATUS_DRIVER |
                                             VIRTIO_STATUS_DRIVER_OK);
}

struct mft_entry *dev_next_entry(mft_type_t type)
{
    struct mft *m = virtio_mft;
    struct mft_entry *e;

    if (next_index >= m->entries) {
        log_printf(LOG_WARN, "Solo5: warning: more virtio devices than "
                             "manifest entries, extra one ignored\n");
        return NULL;
    }
    e = &m->e[next_index];
    if (e->type != type)
        PANIC("Virtio device %u does not match manifest entry '%s'", next_index,
              e->name);
    next_index++;
    return e;
}

void dev_check_all_attached(void)
{
    struct mft *m = virtio_mft;

    for (uint32_t i = 1; i < m->entries; i++)
        if (!m->e[i].attached)
            PANIC("All declared devices must be attached. Aborting.");
}

void dev_irq_add(uint8_t irq)
{
    /* 0xFF (or anything past the PICs) means no interrupt line. */
    if (irq < 16)
        virtio_irq_lines |= (uint16_t)(1U << irq);
    else
        log_printf(LOG_WARN, "Solo5: warning: virtio device without an "
                             "interrupt line, polled\n");
}
