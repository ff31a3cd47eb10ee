/* Kiln virtio interrupt entry: one stub per PIC line, mask it, EOI, return. */

/*
 * Interrupts are enabled only around the hlt in solo5_yield, which looks at
 * the clock and the devices itself after waking: a stub just masks its line
 * (a level-triggered device line would otherwise fire again at once) and
 * acknowledges the PIC(s). Only %rax is touched, and saved.
 */
#define PIC1_CMD 0x20
#define PIC1_DATA 0x21
#define PIC2_CMD 0xA0
#define PIC2_DATA 0xA1
#define PIC_EOI 0x20

	.text

.macro IRQ_MASTER irq
	.align 16
irq_stub_\irq:
	pushq %rax
	inb $PIC1_DATA, %al
	orb $(1 << \irq), %al
	outb %al, $PIC1_DATA
	movb $PIC_EOI, %al
	outb %al, $PIC1_CMD
	popq %rax
	iretq
.endm

.macro IRQ_SLAVE irq
	.align 16
irq_stub_\irq:
	pushq %rax
	inb $PIC2_DATA, %al
	orb $(1 << (\irq - 8)), %al
	outb %al, $PIC2_DATA
	movb $PIC_EOI, %al
	outb %al, $PIC2_CMD
	outb %al, $PIC1_CMD
	popq %rax
	iretq
.endm

.irp i, 0,1,2,3,4,5,6,7
	IRQ_MASTER \i
.endr
.irp i, 8,9,10,11,12,13,14,15
	IRQ_SLAVE \i
.endr

	.section .rodata
	.align 8
	.globl virtio_irq_stubs
virtio_irq_stubs:
.irp i, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	.quad irq_stub_\i
.endr

	.section .note.GNU-stack,"",@progbits
