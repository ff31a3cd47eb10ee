/* The bytes of one mbed TLS test suite's .datax file (DATAX, a path), for datafile.c. */
    .section .rodata
    .globl kiln_datax
    .globl kiln_datax_end
kiln_datax:
    .incbin DATAX
kiln_datax_end:
    .byte 0
    .section .note.GNU-stack,"",@progbits
