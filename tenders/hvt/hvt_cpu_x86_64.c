/* solo5-hvt x86_64 CPU setup: boot GDT, identity page tables, registers. */
#include <string.h>

#include "hvt.h"
#include "hvt_cpu_x86_64.h"

#define PTE_P 0x1ULL
#define PTE_RW 0x2ULL
#define PTE_PS 0x80ULL
#define GDT_ENTRIES 3

static const struct hvt_x86_seg code_seg = {.limit = 0xffffffff,
                                            .selector = 0x08,
                                            .type = 9, /* execute, accessed */
                                            .present = 1,
                                            .s = 1,
                                            .l = 1,
                                            .g = 1};
static const struct hvt_x86_seg data_seg = {.limit = 0xffffffff,
                                            .selector = 0x10,
                                            .type =
                                                3, /* read/write, accessed */
                                            .present = 1,
                                            .db = 1,
                                            .s = 1,
                                            .g = 1};

uint64_t hvt_x86_gdt_entry(const struct hvt_x86_seg *seg)
{
    uint64_t limit = seg->g ? seg->limit >> 12 : seg->limit;
    uint64_t flags = (uint64_t)seg->type | (uint64_t)seg->s << 4 |
                     (uint64_t)seg->dpl << 5 | (uint64_t)seg->present << 7 |
                     (uint64_t)seg->l << 13 | (uint64_t)seg->db << 14 |
                     (uint64_t)seg->g << 15;

    return (limit & 0xffff) | (limit >> 16 & 0xf) << 48 | flags << 40 |
           (seg->base & 0xffffff) << 16 | (seg->base >> 24 & 0xff) << 56;
}

void hvt_x86_boot_state(struct hvt_x86_boot *b, uint64_t entry, uint64_t sp,
                        uint64_t arg)
{
    *b = (struct hvt_x86_boot){
        .cr0 = HVT_X86_CR0,
        .cr3 = HVT_PML4_BASE,
        .cr4 = HVT_X86_CR4,
        .efer = HVT_X86_EFER,
        .rflags = 0x2, /* bit 1 is always set; interrupts off */
        .rip = entry,
        .rsp = sp,
        .rdi = arg,
        .gdt_base = HVT_GDT_BASE,
        .gdt_limit = GDT_ENTRIES * 8 - 1,
        .cs = code_seg,
        .data = data_seg,
        /* A busy 64-bit TSS of size 0: the guest loads its own. */
        .tr = {.type = 11, .present = 1},
        .ldt = {.unusable = 1, .type = 2},
    };
}

static int setup_gdt(const struct guest_mem *all)
{
    uint64_t *gdt = gmem_ptr(all, HVT_GDT_BASE, GDT_ENTRIES * 8);

    if (gdt == NULL)
        return -1;
    gdt[0] = 0;
    gdt[1] = hvt_x86_gdt_entry(&code_seg);
    gdt[2] = hvt_x86_gdt_entry(&data_seg);
    return 0;
}

/* PT0 maps the first 2 MiB in 4 KiB pages: nothing below the boot info,
 * boot info and the rest of low memory read-only, then read/write. */
static void fill_pt0(uint64_t *pt0)
{
    for (uint64_t i = 0; i < 512; i++) {
        uint64_t a = i * HVT_PAGE_SIZE;
        if (a < HVT_BOOT_INFO_BASE)
            pt0[i] = 0;
        else if (a < HVT_GUEST_MIN_BASE)
            pt0[i] = a | PTE_P;
        else
            pt0[i] = a | PTE_P | PTE_RW;
    }
}

int hvt_cpu_setup_memory(const struct guest_mem *all, uint64_t alloc_size)
{
    uint64_t *pml4 = gmem_ptr(all, HVT_PML4_BASE, HVT_PAGE_SIZE);
    uint64_t *pdpt = gmem_ptr(all, HVT_PDPT_BASE, HVT_PAGE_SIZE);
    uint64_t *pd = gmem_ptr(all, HVT_PD_BASE, 4 * HVT_PAGE_SIZE);
    uint64_t *pt0 = gmem_ptr(all, HVT_PT0_BASE, HVT_PAGE_SIZE);

    if (pml4 == NULL || pdpt == NULL || pd == NULL || pt0 == NULL ||
        alloc_size > HVT_MEM_MAX || setup_gdt(all) != 0)
        return -1;
    memset(pml4, 0, HVT_PAGE_SIZE);
    memset(pdpt, 0, HVT_PAGE_SIZE);
    memset(pd, 0, 4 * HVT_PAGE_SIZE);
    pml4[0] = HVT_PDPT_BASE | PTE_P | PTE_RW;
    for (uint64_t i = 0; i < 4; i++)
        pdpt[i] = (HVT_PD_BASE + i * HVT_PAGE_SIZE) | PTE_P | PTE_RW;
    pd[0] = HVT_PT0_BASE | PTE_P | PTE_RW;
    for (uint64_t a = HVT_LARGE_PAGE; a < alloc_size; a += HVT_LARGE_PAGE)
        pd[a / HVT_LARGE_PAGE] = a | PTE_P | PTE_RW | PTE_PS;
    fill_pt0(pt0);
    return 0;
}
