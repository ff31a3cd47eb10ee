/* Kiln bare-metal x86_64 trap entry: one stub per CPU exception vector. */

/*
 * Every stub leaves, from the stack pointer up: the vector, cr2 (or 0), the
 * error code (0 for vectors without one) and the frame the CPU pushed, then
 * jumps to trap_common. Traps never return, so no register is preserved.
 */
	.text

.macro TRAP_NOEC vec
	.align 16
trap_stub_\vec:
	pushq $0		/* no error code from the CPU */
	pushq $0		/* cr2 is recorded only with an error code */
	pushq $\vec
	jmp trap_common
.endm

.macro TRAP_EC vec
	.align 16
trap_stub_\vec:
	subq $8, %rsp		/* cr2, stored by trap_common_cr2 */
	pushq $\vec
	jmp trap_common_cr2
.endm

.irp v, 0,1,2,3,4,5,6,7,9,15,16,18,19,20,22,23,24,25,26,27,28,31
	TRAP_NOEC \v
.endr
.irp v, 8,10,11,12,13,14,17,21,29,30
	TRAP_EC \v
.endr

trap_common_cr2:
	movq %cr2, %rax
	movq %rax, 8(%rsp)
trap_common:
	cld
	movq (%rsp), %rdi	/* vector */
	leaq 8(%rsp), %rsi	/* struct trap_frame */
	andq $-16, %rsp
	call metal_trap
1:	hlt			/* metal_trap does not return */
	jmp 1b

	.section .rodata
	.align 8
	.globl metal_trap_stubs
metal_trap_stubs:
.irp v, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
	.quad trap_stub_\v
.endr
.irp v, 16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
	.quad trap_stub_\v
.endr

	.section .note.GNU-stack,"",@progbits
