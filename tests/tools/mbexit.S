/* mbexit: the smallest multiboot v1 kernel: echoes its command line on COM1, then exits. */
/* It exits through isa-debug-exit (port 0x501, value 41: QEMU exits 83) at once. For the
 * launcher's tests, a command line ending in "hang" halts forever instead, and one ending
 * in "boom" triple-faults (an empty IDT, then int3). No multiboot info: it just exits. */
        .set MB_MAGIC, 0x1BADB002
        .set MB_FLAGS, 0
        .section .multiboot, "a"
        .align 4
        .long MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

        .text
        .code32
        .globl _start
_start:
        mov $stack_top, %esp
        cmp $0x2BADB002, %eax
        jne exit
        testl $4, (%ebx)                /* flags: cmdline valid */
        jz exit
        mov 16(%ebx), %esi
        xor %ecx, %ecx                  /* the last four characters */
1:      movb (%esi), %al
        test %al, %al
        jz 2f
        call putc
        shl $8, %ecx
        mov %al, %cl
        inc %esi
        jmp 1b
2:      mov $'\n', %al
        call putc
        cmp $0x68616e67, %ecx           /* "hang" */
        je halt
        cmp $0x626f6f6d, %ecx           /* "boom" */
        jne exit
        lidt noidt
        int3
exit:   mov $0x501, %dx
        mov $41, %ax
        out %ax, %dx
halt:   cli
        hlt
        jmp halt

/* putc: writes %al to COM1 once its transmitter is empty; keeps %ecx, %esi. */
putc:   mov %eax, %ebx
        mov $0x3FD, %dx
3:      in %dx, %al
        test $0x20, %al
        jz 3b
        mov %ebx, %eax
        mov $0x3F8, %dx
        out %al, %dx
        ret

        .section .rodata
        .align 4
noidt:  .word 0
        .long 0

        .bss
        .align 16
        .space 4096
stack_top:
