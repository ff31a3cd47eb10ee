/* Kiln virtio PCI discovery: configuration mechanism 1, legacy functions. */
#include "virtio.h"

#define PCI_CONFIG_ADDR 0xCF8
#define PCI_CONFIG_DATA 0xCFC
#define PCI_ENABLE 0x80000000U

#define PCI_ID 0x00
#define PCI_COMMAND 0x04
#define PCI_BAR0 0x10
#define PCI_SUBSYS 0x2C
#define PCI_INTERRUPT 0x3C
#define PCI_COMMAND_IO 0x1
#define PCI_COMMAND_MASTER 0x4
#define PCI_BAR_IO 0x1

#define VENDOR_VIRTIO 0x1AF4
#define VIRTIO_ID_NET 1
#define VIRTIO_ID_BLOCK 2

static uint32_t pci_read(unsigned bus, unsigned dev, uint8_t reg)
{
    cpu_outl(PCI_CONFIG_ADDR,
             PCI_ENABLE | bus << 16 | dev << 11 | (reg & 0xFCU));
    return cpu_inl(PCI_CONFIG_DATA);
}

static void pci_write(unsigned bus, unsigned dev, uint8_t reg, uint32_t v)
{
    cpu_outl(PCI_CONFIG_ADDR,
             PCI_ENABLE | bus << 16 | dev << 11 | (reg & 0xFCU));
    cpu_outl(PCI_CONFIG_DATA, v);
}

/* Hands the virtio function at bus:dev to its driver, or warns. */
static void pci_virtio_found(unsigned bus, unsigned dev)
{
    uint32_t bar = pci_read(bus, dev, PCI_BAR0);
    struct pci_virtio f = {
        .iobase = (uint16_t)(bar & 0xFFFC),
        .irq = (uint8_t)pci_read(bus, dev, PCI_INTERRUPT),
        .subsys = (uint16_t)(pci_read(bus, dev, PCI_SUBSYS) >> 16),
    };

    if (!(bar & PCI_BAR_IO) || f.iobase == 0) {
        log_printf(LOG_WARN,
                   "Solo5: PCI %02x:%02x: virtio without I/O BAR, "
                   "ignored\n",
                   bus, dev);
        return;
    }
    if (f.subsys != VIRTIO_ID_NET && f.subsys != VIRTIO_ID_BLOCK) {
        log_printf(LOG_WARN,
                   "Solo5: PCI %02x:%02x: unknown virtio device "
                   "%u, ignored\n",
                   bus, dev, f.subsys);
        return;
    }
    /* Port access and DMA (the device reads and writes our queues). */
    pci_write(bus, dev, PCI_COMMAND,
              (pci_read(bus, dev, PCI_COMMAND) & 0xFFFF) | PCI_COMMAND_IO |
                  PCI_COMMAND_MASTER);
    if (f.subsys == VIRTIO_ID_NET)
        net_attach(&f);
    else
        blk_attach(&f);
}

void pci_scan(void)
{
    for (unsigned bus = 0; bus < 256; bus++)
        for (unsigned dev = 0; dev < 32; dev++)
            if ((pci_read(bus, dev, PCI_ID) & 0xFFFF) == VENDOR_VIRTIO)
                pci_virtio_found(bus, dev);
}
