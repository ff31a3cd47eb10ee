/* solo5-hvt x86_64 CPU: boot GDT, page tables, registers; hypercall check. */
#include <string.h>

#include "hvt.h"
#include "hvt_cpu_x86_64.h"

#define PTE_P 0x1ULL
#define PTE_RW 0x2ULL
#define PTE_PS 0x80ULL
#define PTE_ADDR 0x000ffffffffff000ULL
#define INSN_MAX 15 /* the longest x86 instruction */
#define GDT_ENTRIES 3

static const struct kvm_segment code_seg = {.limit = 0xffffffff,
                                            .selector = 0x08,
                                            .type = 9, /* execute, accessed */
                                            .present = 1,
                                            .s = 1,
                                            .l = 1,
                                            .g = 1};
static const struct kvm_segment data_seg = {.limit = 0xffffffff,
                                            .selector = 0x10,
                                            .type =
                                                3, /* read/write, accessed */
                                            .present = 1,
                                            .db = 1,
                                            .s = 1,
                                            .g = 1};

uint64_t hvt_x86_gdt_entry(const struct kvm_segment *seg)
{
    uint64_t limit = seg->g ? seg->limit >> 12 : seg->limit;
    uint64_t flags = (uint64_t)seg->type | (uint64_t)seg->s << 4 |
                     (uint64_t)seg->dpl << 5 | (uint64_t)seg->present << 7 |
                     (uint64_t)seg->l << 13 | (uint64_t)seg->db << 14 |
                     (uint64_t)seg->g << 15;

    return (limit & 0xffff) | (limit >> 16 & 0xf) << 48 | flags << 40 |
           (seg->base & 0xffffff) << 16 | (seg->base >> 24 & 0xff) << 56;
}

void hvt_x86_boot_state(struct kvm_sregs *sr, struct kvm_regs *r,
                        uint64_t entry, uint64_t sp, uint64_t arg)
{
    struct kvm_segment *data[] = {&sr->ss, &sr->ds, &sr->es, &sr->fs, &sr->gs};

    sr->cs = code_seg;
    for (unsigned i = 0; i < sizeof data / sizeof data[0]; i++)
        *data[i] = data_seg;
    /* A busy 64-bit TSS of size 0: the guest loads its own. */
    sr->tr = (struct kvm_segment){.type = 11, .present = 1};
    sr->ldt = (struct kvm_segment){.type = 2, .unusable = 1};
    sr->gdt =
        (struct kvm_dtable){.base = HVT_GDT_BASE, .limit = GDT_ENTRIES * 8 - 1};
    sr->idt = (struct kvm_dtable){0};
    sr->cr0 = HVT_X86_CR0;
    sr->cr2 = 0;
    sr->cr3 = HVT_PML4_BASE;
    sr->cr4 = HVT_X86_CR4;
    sr->cr8 = 0;
    sr->efer = HVT_X86_EFER;
    /* rflags: bit 1 is always set; interrupts off. */
    *r = (struct kvm_regs){.rip = entry, .rsp = sp, .rdi = arg, .rflags = 0x2};
}

int hvt_cpu_setup_memory(const struct guest_mem *all, uint64_t alloc_size)
{
    uint64_t *gdt = gmem_ptr(all, HVT_GDT_BASE, GDT_ENTRIES * 8);
    uint64_t *pml4 = gmem_ptr(all, HVT_PML4_BASE, HVT_PAGE_SIZE);
    uint64_t *pdpt = gmem_ptr(all, HVT_PDPT_BASE, HVT_PAGE_SIZE);
    uint64_t *pd = gmem_ptr(all, HVT_PD_BASE, 4 * HVT_PAGE_SIZE);
    uint64_t *pt0 = gmem_ptr(all, HVT_PT0_BASE, HVT_PAGE_SIZE);

    if (gdt == NULL || pml4 == NULL || pdpt == NULL || pd == NULL ||
        pt0 == NULL || alloc_size > HVT_MEM_MAX)
        return -1;
    gdt[0] = 0;
    gdt[1] = hvt_x86_gdt_entry(&code_seg);
    gdt[2] = hvt_x86_gdt_entry(&data_seg);
    memset(pml4, 0, HVT_PAGE_SIZE);
    memset(pdpt, 0, HVT_PAGE_SIZE);
    memset(pd, 0, 4 * HVT_PAGE_SIZE);
    pml4[0] = HVT_PDPT_BASE | PTE_P | PTE_RW;
    for (uint64_t i = 0; i < 4; i++)
        pdpt[i] = (HVT_PD_BASE + i * HVT_PAGE_SIZE) | PTE_P | PTE_RW;
    pd[0] = HVT_PT0_BASE | PTE_P | PTE_RW;
    for (uint64_t a = HVT_LARGE_PAGE; a < alloc_size; a += HVT_LARGE_PAGE)
        pd[a / HVT_LARGE_PAGE] = a | PTE_P | PTE_RW | PTE_PS;
    /* PT0 maps the first 2 MiB in 4 KiB pages: nothing below the boot info,
     * boot info and the rest of low memory read-only, then read/write. */
    for (uint64_t a = 0; a < HVT_LARGE_PAGE; a += HVT_PAGE_SIZE)
        pt0[a / HVT_PAGE_SIZE] = a < HVT_BOOT_INFO_BASE   ? 0
                                 : a < HVT_GUEST_MIN_BASE ? a | PTE_P
                                                          : a | PTE_P | PTE_RW;
    return 0;
}

int hvt_x86_translate(const struct guest_mem *mem, uint64_t cr3, uint64_t va,
                      uint64_t *gpa)
{
    uint64_t table = cr3 & PTE_ADDR;

    for (unsigned level = 4; level > 0; level--) {
        unsigned shift = 12 + 9 * (level - 1);
        uint64_t page = (1ULL << shift) - 1, e;
        const uint8_t *p =
            gmem_ptr(mem, table + ((va >> shift) & 511) * 8, sizeof e);

        if (p == NULL)
            return -1;
        memcpy(&e, p, sizeof e);
        if (!(e & PTE_P))
            return -1;
        /* A 1 GiB or 2 MiB page ends the walk; so does a 4 KiB one. */
        if (level == 1 || ((level == 2 || level == 3) && (e & PTE_PS))) {
            *gpa = (e & PTE_ADDR & ~page) | (va & page);
            return 0;
        }
        table = e & PTE_ADDR;
    }
    return -1;
}

/* Prefixes an OUT of EAX may carry: segment, address size, rep, repne,
 * and REX (0x40-0x4f). */
static bool is_prefix(uint8_t b)
{
    static const uint8_t prefixes[] = {0x26, 0x2e, 0x36, 0x3e, 0x64,
                                       0x65, 0x67, 0xf2, 0xf3};

    return (b & 0xf0) == 0x40 || memchr(prefixes, b, sizeof prefixes) != NULL;
}

bool hvt_x86_is_out_eax(const uint8_t *insn, size_t n)
{
    size_t i = 0;

    while (i < n && i < INSN_MAX - 1 && is_prefix(insn[i]))
        i++;
    return i < n && (insn[i] == 0xef || (insn[i] == 0xe7 && i + 1 < n));
}

bool hvt_x86_out_eax_at(const struct guest_mem *mem, uint64_t cr3, uint64_t rip)
{
    uint8_t insn[INSN_MAX];
    size_t n = 0;

    while (n < INSN_MAX) {
        uint64_t va = rip + n, gpa;
        size_t chunk = HVT_PAGE_SIZE - (va & (HVT_PAGE_SIZE - 1));
        const uint8_t *p;

        if (chunk > INSN_MAX - n)
            chunk = INSN_MAX - n;
        if (hvt_x86_translate(mem, cr3, va, &gpa) != 0 ||
            (p = gmem_ptr(mem, gpa, chunk)) == NULL)
            break;
        memcpy(insn + n, p, chunk);
        n += chunk;
    }
    return hvt_x86_is_out_eax(insn, n);
}
