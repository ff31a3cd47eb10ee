/* Kiln virtio console: COM1, 115200 baud 8N1, polled, CR before LF. */
#include "virtio.h"

#define COM1 0x3F8
#define REG_DATA 0 /* divisor low byte while DLAB is set */
#define REG_IER 1  /* divisor high byte while DLAB is set */
#define REG_FCR 2
#define REG_LCR 3
#define REG_MCR 4
#define REG_LSR 5

#define LCR_DLAB 0x80
#define LCR_8N1 0x03
#define LSR_THR_EMPTY 0x20
#define DIVISOR_115200 1

void serial_init(void)
{
    cpu_outb(COM1 + REG_IER, 0); /* no interrupts */
    cpu_outb(COM1 + REG_LCR, LCR_DLAB);
    cpu_outb(COM1 + REG_DATA, DIVISOR_115200);
    cpu_outb(COM1 + REG_IER, 0);
    cpu_outb(COM1 + REG_LCR, LCR_8N1);
    cpu_outb(COM1 + REG_FCR, 0xC7); /* FIFOs on and cleared */
    cpu_outb(COM1 + REG_MCR, 0x03); /* DTR, RTS */
}

static NO_SSP void serial_putc(char c)
{
    while (!(cpu_inb(COM1 + REG_LSR) & LSR_THR_EMPTY))
        cpu_pause();
    cpu_outb(COM1 + REG_DATA, (uint8_t)c);
}

/* NO_SSP: __stack_chk_fail prints through here. */
NO_SSP void platform_puts(const char *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '\n')
            serial_putc('\r');
        serial_putc(buf[i]);
    }
}
