/* Kiln bare-metal x86_64 descriptor tables: our GDT, TSS with IST, IDT. */
#include "metal.h"

#define GDT_CODE 0x08
#define GDT_DATA 0x10
#define GDT_TSS 0x18
#define GDT_ENTRIES 5 /* null, code, data, and the 16-byte TSS descriptor */

/* 64-bit code (execute/read) and data (read/write), flat, DPL 0, accessed. */
#define DESC_CODE64 0x00AF9B000000FFFFULL
#define DESC_DATA 0x00CF93000000FFFFULL
#define DESC_TSS_TYPE 0x9ULL /* available 64-bit TSS */
#define DESC_PRESENT (1ULL << 47)

#define GATE_INTERRUPT 0x8E /* present, DPL 0, 64-bit interrupt gate */

/* IST slots (1-based, 0 = none): most traps, double fault, NMI and #MC. */
#define IST_TRAP 1
#define IST_DF 2
#define IST_NMI 3
#define IST_STACKS 3
#define IST_STACK_SIZE 8192

#define VEC_NMI 2
#define VEC_DF 8
#define VEC_MC 18

struct tss {
    uint32_t reserved0;
    uint64_t rsp[3];
    uint64_t reserved1;
    uint64_t ist[7];
    uint64_t reserved2;
    uint16_t reserved3;
    uint16_t iomap_base;
} __attribute__((packed));
_Static_assert(sizeof(struct tss) == 104, "the 64-bit TSS is 104 bytes");

struct idt_gate {
    uint16_t offset_lo;
    uint16_t selector;
    uint8_t ist;
    uint8_t type;
    uint16_t offset_mid;
    uint32_t offset_hi;
    uint32_t reserved;
} __attribute__((packed));
_Static_assert(sizeof(struct idt_gate) == 16, "an IDT gate is 16 bytes");

/* What lgdt and lidt take. */
struct table_ptr {
    uint16_t limit;
    uint64_t base;
} __attribute__((packed));

/* The entry stubs, one per vector (metal_traps_x86_64.S). */
extern const uintptr_t metal_trap_stubs[METAL_TRAP_VECTORS];

static uint64_t gdt[GDT_ENTRIES] __attribute__((aligned(16)));
static struct tss tss __attribute__((aligned(16)));
static struct idt_gate idt[METAL_IDT_VECTORS] __attribute__((aligned(16)));
static uint8_t ist_stacks[IST_STACKS][IST_STACK_SIZE]
    __attribute__((aligned(16)));

static void tss_init(void)
{
    for (int i = 0; i < IST_STACKS; i++)
        tss.ist[i] = (uintptr_t)&ist_stacks[i][IST_STACK_SIZE];
    tss.iomap_base = sizeof tss; /* no I/O permission bitmap */
}

/* The two descriptor words of a TSS at base with the given size. */
static void tss_descriptor(uint64_t *desc, uintptr_t base, uint32_t size)
{
    uint64_t limit = size - 1;

    desc[0] = (limit & 0xFFFF) | ((base & 0xFFFFFF) << 16) |
              (DESC_TSS_TYPE << 40) | DESC_PRESENT | ((limit & 0xF0000) << 32) |
              ((uint64_t)(base >> 24 & 0xFF) << 56);
    desc[1] = (uint64_t)base >> 32;
}

/* Loads the GDT, reloads every segment register from it, then the TR. */
static void gdt_load(void)
{
    struct table_ptr p = {sizeof gdt - 1, (uintptr_t)gdt};

    gdt[1] = DESC_CODE64;
    gdt[2] = DESC_DATA;
    tss_descriptor(&gdt[3], (uintptr_t)&tss, sizeof tss);
    __asm__ volatile("lgdt %0" : : "m"(p) : "memory");
    /* CS can only be reloaded by a far transfer: a far return to 1f. */
    __asm__ volatile("pushq %[cs]\n\t"
                     "leaq 1f(%%rip), %%rax\n\t"
                     "pushq %%rax\n\t"
                     "lretq\n"
                     "1:\n\t"
                     "movl %[ds], %%eax\n\t"
                     "movl %%eax, %%ds\n\t"
                     "movl %%eax, %%es\n\t"
                     "movl %%eax, %%ss\n\t"
                     "movl %%eax, %%fs\n\t"
                     "movl %%eax, %%gs"
                     :
                     : [cs] "i"(GDT_CODE), [ds] "i"(GDT_DATA)
                     : "rax", "memory");
    __asm__ volatile("ltr %w0" : : "r"(GDT_TSS) : "memory");
}

static uint8_t vector_ist(int vector)
{
    if (vector == VEC_DF)
        return IST_DF;
    if (vector == VEC_NMI || vector == VEC_MC)
        return IST_NMI;
    return IST_TRAP;
}

static void idt_set(unsigned vector, uintptr_t a, uint8_t ist)
{
    idt[vector] = (struct idt_gate){
        .offset_lo = (uint16_t)a,
        .selector = GDT_CODE,
        .ist = ist,
        .type = GATE_INTERRUPT,
        .offset_mid = (uint16_t)(a >> 16),
        .offset_hi = (uint32_t)((uint64_t)a >> 32),
    };
}

/* Vectors from METAL_TRAP_VECTORS up stay not present until cpu_set_gate. */
static void idt_load(void)
{
    struct table_ptr p = {sizeof idt - 1, (uintptr_t)idt};

    for (int v = 0; v < METAL_TRAP_VECTORS; v++)
        idt_set((unsigned)v, metal_trap_stubs[v], vector_ist(v));
    __asm__ volatile("lidt %0" : : "m"(p) : "memory");
}

void cpu_set_gate(unsigned vector, uintptr_t handler)
{
    if (vector < METAL_TRAP_VECTORS || vector >= METAL_IDT_VECTORS)
        PANIC("No gate for vector %u", vector);
    /* Interrupts come in on the current stack: no IST. */
    idt_set(vector, handler, 0);
}

void cpu_init(void)
{
    tss_init();
    gdt_load();
    idt_load();
}
