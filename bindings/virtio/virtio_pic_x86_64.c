/* Kiln virtio 8259 PICs: remapped to vectors 32-47, lines masked by default. */
#include "virtio.h"

#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xA0
#define PIC2_DATA 0xA1

#define ICW1_INIT_ICW4 0x11 /* edge triggered, cascade, ICW4 follows */
#define ICW4_8086 0x01
#define PIC1_VECTOR 32
#define PIC2_VECTOR 40
#define CASCADE_IRQ 2

void pic_init(void)
{
    cpu_outb(PIC1_CMD, ICW1_INIT_ICW4);
    cpu_outb(PIC2_CMD, ICW1_INIT_ICW4);
    cpu_outb(PIC1_DATA, PIC1_VECTOR);
    cpu_outb(PIC2_DATA, PIC2_VECTOR);
    cpu_outb(PIC1_DATA, 1 << CASCADE_IRQ); /* the slave hangs off IRQ 2 */
    cpu_outb(PIC2_DATA, CASCADE_IRQ);      /* its cascade identity */
    cpu_outb(PIC1_DATA, ICW4_8086);
    cpu_outb(PIC2_DATA, ICW4_8086);
    /* Everything masked but the cascade; yield unmasks what it waits for. */
    cpu_outb(PIC1_DATA, (uint8_t) ~(1 << CASCADE_IRQ));
    cpu_outb(PIC2_DATA, 0xFF);
    for (unsigned i = 0; i < 16; i++)
        cpu_set_gate(PIC1_VECTOR + i, virtio_irq_stubs[i]);
}

void pic_unmask(unsigned irq)
{
    uint16_t port = irq < 8 ? PIC1_DATA : PIC2_DATA;

    if (irq >= 16)
        return;
    cpu_outb(port, cpu_inb(port) & (uint8_t) ~(1U << (irq & 7)));
}
