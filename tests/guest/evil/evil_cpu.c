/* The evil guest's CPU misbehaviour: ports, faults, page tables, spins. */
#include "evil.h"

static uint64_t pml4[512] __attribute__((aligned(4096)));
static uint64_t pdpt[512] __attribute__((aligned(4096)));
static uint64_t pd[512] __attribute__((aligned(4096)));

static void cmd_outb(void)
{
    out8((uint16_t)arg(), 0);
}

static void cmd_outw(void)
{
    out16((uint16_t)arg(), 0);
}

static void cmd_outl(void)
{
    uint64_t port = arg(), v = arg();

    out32((uint16_t)port, (uint32_t)v);
}

static void cmd_inb(void)
{
    sayx("inb: ", in8((uint16_t)arg()));
}

static void cmd_inw(void)
{
    sayx("inw: ", in16((uint16_t)arg()));
}

static void cmd_inl(void)
{
    sayx("inl: ", in32((uint16_t)arg()));
}

/* A string OUT: rep outsl of N copies of roputs's address, EAX = V. */
static void cmd_routs(void)
{
    static uint32_t src[16];
    uint64_t port = arg(), n = arg(), v = arg();
    const uint32_t *p = src;

    if (n > sizeof src / sizeof src[0])
        die("routs: at most 16 words", "");
    for (uint64_t i = 0; i < n; i++)
        src[i] = (uint32_t)(uintptr_t)&roputs;
    __asm__ volatile("cld; rep outsl"
                     : "+S"(p), "+c"(n)
                     : "d"((uint16_t)port), "a"((uint32_t)v)
                     : "memory");
    sayx("routs: left ", n);
}

static void cmd_hlt(void)
{
    __asm__ volatile("hlt" : : : "memory");
}

/* An IDT of limit 0: the next exception cannot be delivered, nor the #DF
 * that follows, and the CPU shuts down. */
static void cmd_triple(void)
{
    static const struct __attribute__((packed)) {
        uint16_t limit;
        uint64_t base;
    } idtr = {0, 0};
    const char *how = word();

    say("loading an empty IDT, then ");
    gt_puts(how);
    gt_puts("\n");
    __asm__ volatile("lidt %0" : : "m"(idtr) : "memory");
    if (gt_streq(how, "int3"))
        __asm__ volatile("int3" : : : "memory");
    else if (gt_streq(how, "ud2"))
        __asm__ volatile("ud2" : : : "memory");
    else if (gt_streq(how, "pf"))
        *(volatile uint64_t *)ptr(opaque(1ULL << 34)) = 1;
    else
        die("triple: unknown fault ", how);
}

/* Own page tables: the first GiB identity-mapped in 2 MiB pages, so
 * addresses above guest memory are mapped, and accesses there reach the
 * hypervisor as MMIO. */
static void map_first_gib(void)
{
    for (uint64_t i = 0; i < 512; i++)
        pd[i] = i << 21 | 0x83; /* P RW PS */
    pdpt[0] = (uintptr_t)pd | 0x3;
    pml4[0] = (uintptr_t)pdpt | 0x3;
    __asm__ volatile("mov %0, %%cr3" : : "r"((uintptr_t)pml4) : "memory");
}

static void cmd_mmio(void)
{
    const char *how = word();
    uint64_t a = arg();

    if (a >= 1ULL << 30)
        die("mmio: address must be below 1 GiB", "");
    map_first_gib();
    sayx("own page tables loaded, touching ", a);
    if (gt_streq(how, "write"))
        *(volatile uint32_t *)ptr(a) = 0x12345678;
    else if (gt_streq(how, "read"))
        sayx("read ", *(volatile uint32_t *)ptr(a));
    else if (gt_streq(how, "exec"))
        gt_call((uintptr_t)a);
    else
        die("mmio: unknown access ", how);
}

/* A write to read-only image memory: the host page refuses it. */
static void cmd_poke(void)
{
    volatile uint8_t *p = ptr(arg());

    sayx("writing to ", (uintptr_t)p);
    *p = (uint8_t)(*p ^ 0xff);
    say("the write went through\n");
}

static void __attribute__((noreturn)) cmd_spin(void)
{
    say("spinning\n");
    for (;;)
        __asm__ volatile("pause" : : : "memory");
}

static void cmd_mark(void)
{
    static const char mark[] = "MARK\n";
    uint64_t a = arg();

    for (unsigned i = 0; i < sizeof mark - 1; i++)
        ((volatile char *)ptr(a))[i] = mark[i];
}

const struct evil_cmd evil_cpu_cmds[] = {
    {"outb", cmd_outb},   {"outw", cmd_outw}, {"outl", cmd_outl},
    {"routs", cmd_routs}, {"inb", cmd_inb},   {"inw", cmd_inw},
    {"inl", cmd_inl},     {"hlt", cmd_hlt},   {"triple", cmd_triple},
    {"mmio", cmd_mmio},   {"poke", cmd_poke}, {"spin", cmd_spin},
    {"mark", cmd_mark},   {NULL, NULL},
};
