/* Kiln bare-metal x86_64 CPU primitives: port I/O, MSRs, barriers, halt. */
#ifndef KILN_METAL_CPU_X86_64_H
#define KILN_METAL_CPU_X86_64_H

#include <stdint.h>

#define MSR_IA32_FS_BASE 0xC0000100U

/* A 32-bit OUT; "memory" makes it a full compiler barrier. */
static inline void cpu_outl(uint16_t port, uint32_t value)
{
    __asm__ volatile("outl %0, %1" : : "a"(value), "d"(port) : "memory");
}

static inline uint32_t cpu_inl(uint16_t port)
{
    uint32_t value;

    __asm__ volatile("inl %1, %0" : "=a"(value) : "d"(port) : "memory");
    return value;
}

static inline void cpu_outw(uint16_t port, uint16_t value)
{
    __asm__ volatile("outw %0, %1" : : "a"(value), "d"(port) : "memory");
}

static inline uint16_t cpu_inw(uint16_t port)
{
    uint16_t value;

    __asm__ volatile("inw %1, %0" : "=a"(value) : "d"(port) : "memory");
    return value;
}

static inline void cpu_outb(uint16_t port, uint8_t value)
{
    __asm__ volatile("outb %0, %1" : : "a"(value), "d"(port) : "memory");
}

static inline uint8_t cpu_inb(uint16_t port)
{
    uint8_t value;

    __asm__ volatile("inb %1, %0" : "=a"(value) : "d"(port) : "memory");
    return value;
}

static inline void cpu_wrmsr(uint32_t msr, uint64_t value)
{
    __asm__ volatile("wrmsr"
                     :
                     : "c"(msr), "a"((uint32_t)value),
                       "d"((uint32_t)(value >> 32))
                     : "memory");
}

static inline uint64_t cpu_rdmsr(uint32_t msr)
{
    uint32_t lo, hi;

    __asm__ volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
    return ((uint64_t)hi << 32) | lo;
}

/* Orders every earlier load and store before every later one. */
static inline void cpu_mfence(void)
{
    __asm__ volatile("mfence" : : : "memory");
}

/* Tells the CPU this is a spin-wait loop. */
static inline void cpu_pause(void)
{
    __asm__ volatile("pause" : : : "memory");
}

/* Stops the CPU for good (interrupts are never enabled). */
static inline void __attribute__((noreturn)) cpu_halt(void)
{
    for (;;)
        __asm__ volatile("cli; hlt" : : : "memory");
}

#endif /* KILN_METAL_CPU_X86_64_H */
