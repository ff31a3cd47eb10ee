/* Kiln virtio boot: multiboot v1 header, 32-bit entry, long mode, _start. */

#define MB_MAGIC 0x1BADB002
#define MB_FLAGS 0x00010003	/* page-align, memory info, address fields */
#define MB_BOOTED 0x2BADB002	/* what a multiboot loader leaves in EAX */

#define SEL_CODE64 0x08
#define SEL_CODE32 0x10
#define SEL_DATA 0x18

#define CR0_PE (1 << 0)
#define CR0_MP (1 << 1)
#define CR0_EM (1 << 2)
#define CR0_NE (1 << 5)
#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define CR4_OSFXSR (1 << 9)
#define CR4_OSXMMEXCPT (1 << 10)
#define MSR_EFER 0xC0000080
#define EFER_LME (1 << 8)

#define PTE_RW 0x3		/* present, writable */
#define PTE_RW_LARGE 0x83	/* present, writable, 2 MiB page */

#define BOOT_STACK_SIZE 4096

/* The loader looks for this in the first 8 KiB; the linker puts it first. */
	.section .data.multiboot, "a"
	.balign 4
mb_header:
	.long MB_MAGIC
	.long MB_FLAGS
	.long -(MB_MAGIC + MB_FLAGS)
	.long mb_header		/* header_addr */
	.long 0x100000		/* load_addr: the image starts there */
	.long _edata		/* load_end_addr */
	.long _ebss		/* bss_end_addr: the loader zeroes the bss */
	.long _start32		/* entry_addr */

	.text
	.code32
	.globl _start32
_start32:
	cli
	cmpl $MB_BOOTED, %eax
	jne halt32
	lgdt boot_gdt_ptr
	ljmp $SEL_CODE32, $1f
1:	movl $SEL_DATA, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %eax, %fs
	movl %eax, %gs
	movl $boot_stack_top, %esp
	movl %cr4, %eax
	orl $CR4_PAE, %eax
	movl %eax, %cr4
	movl $boot_pml4, %eax
	movl %eax, %cr3
	movl $MSR_EFER, %ecx
	rdmsr
	orl $EFER_LME, %eax
	wrmsr
	movl %cr0, %eax
	orl $(CR0_PG | CR0_PE), %eax
	movl %eax, %cr0
	ljmp $SEL_CODE64, $start64
halt32:
	hlt
	jmp halt32

	.code64
start64:
	movl $SEL_DATA, %eax
	movl %eax, %ds
	movl %eax, %es
	movl %eax, %ss
	movl %eax, %fs
	movl %eax, %gs
	/* x87 and SSE usable by the application: no emulation, native errors. */
	movq %cr0, %rax
	andq $~CR0_EM, %rax
	orq $(CR0_MP | CR0_NE), %rax
	movq %rax, %cr0
	movq %cr4, %rax
	orq $(CR4_OSFXSR | CR4_OSXMMEXCPT), %rax
	movq %rax, %cr4
	ldmxcsr boot_mxcsr
	movq $boot_stack_top, %rsp
	movl %ebx, %edi		/* the multiboot info, zero-extended */
	call _start
1:	hlt
	jmp 1b

/* virtio_stack_switch(top, fn): calls fn() on a stack that ends at top. */
	.globl virtio_stack_switch
virtio_stack_switch:
	movq %rdi, %rsp
	andq $-16, %rsp
	call *%rsi
1:	hlt
	jmp 1b

	.section .rodata
	.balign 8
boot_gdt:
	.quad 0			/* null */
	.quad 0x00AF9A000000FFFF	/* 0x08: 64-bit code */
	.quad 0x00CF9A000000FFFF	/* 0x10: 32-bit code */
	.quad 0x00CF92000000FFFF	/* 0x18: data */
	.quad 0, 0		/* two TSS slots, unused at boot */
boot_gdt_end:
boot_gdt_ptr:
	.word boot_gdt_end - boot_gdt - 1
	.long boot_gdt
boot_mxcsr:
	.long 0x1F80		/* every SSE exception masked */

/*
 * Identity map of 0-4 GiB: the first 2 MiB in 4 KiB pages with page 0 left
 * out (null pointers fault), the rest in 2 MiB pages.
 */
	.section .data
	.balign 4096
boot_pml4:
	.quad boot_pdpt + PTE_RW
	.fill 511, 8, 0
boot_pdpt:
	.quad boot_pd + PTE_RW
	.quad boot_pd + 0x1000 + PTE_RW
	.quad boot_pd + 0x2000 + PTE_RW
	.quad boot_pd + 0x3000 + PTE_RW
	.fill 508, 8, 0
boot_pd:
	.quad boot_pt + PTE_RW
	.set .Lpage, 1
	.rept 2047
	.quad (.Lpage << 21) | PTE_RW_LARGE
	.set .Lpage, .Lpage + 1
	.endr
boot_pt:
	.quad 0
	.set .Lpage, 1
	.rept 511
	.quad (.Lpage << 12) | PTE_RW
	.set .Lpage, .Lpage + 1
	.endr

	.section .bss
	.balign 16
boot_stack:
	.skip BOOT_STACK_SIZE
boot_stack_top:

	.section .note.GNU-stack,"",@progbits
