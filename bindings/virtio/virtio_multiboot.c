/* Kiln virtio multiboot info: memory size from the map, the command line. */
#include "virtio.h"

#define MBI_MEM 0x1U     /* mem_lower, mem_upper valid */
#define MBI_CMDLINE 0x4U /* cmdline valid */
#define MBI_MMAP 0x40U   /* mmap_length, mmap_addr valid */

#define MMAP_AVAILABLE 1
#define MEM_START 0x100000ULL
#define MEM_CAP 0x40000000ULL /* 1 GiB, though 4 GiB are mapped */
#define PHYS_START 0x1000ULL  /* page 0 is left unmapped */
#define PHYS_END 0x100000000ULL

#define CMDLINE_SIZE 8192

struct mmap_entry {
    uint32_t size; /* of the rest of the entry */
    uint64_t base, length;
    uint32_t type;
} __attribute__((packed));

static char cmdline_buf[CMDLINE_SIZE];

static uint64_t mem_from_map(const struct multiboot_info *mbi)
{
    uint64_t p = mbi->mmap_addr, end = p + mbi->mmap_length;

    if (p < PHYS_START)
        return 0;
    if (end > PHYS_END)
        end = PHYS_END; /* what lies above is not mapped */
    while (p + sizeof(struct mmap_entry) <= end) {
        const struct mmap_entry *e = virtio_phys(p);

        if (e->size < sizeof *e - 4)
            return 0; /* a malformed entry ends the map */
        if (e->base == MEM_START && e->type == MMAP_AVAILABLE)
            return e->length > MEM_CAP - MEM_START ? MEM_CAP
                                                   : e->base + e->length;
        p += (uint64_t)e->size + 4;
    }
    return 0;
}

uint64_t multiboot_mem_size(const struct multiboot_info *mbi)
{
    uint64_t mem = 0;

    if (mbi->flags & MBI_MMAP)
        mem = mem_from_map(mbi);
    if (mem == 0 && (mbi->flags & MBI_MEM))
        mem = MEM_START + ((uint64_t)mbi->mem_upper << 10);
    if (mem == 0)
        PANIC("No memory map from the multiboot loader");
    return mem > MEM_CAP ? MEM_CAP : mem;
}

const char *multiboot_cmdline(const struct multiboot_info *mbi, bool *truncated)
{
    const char *s;
    size_t max, i = 0, n = 0;

    *truncated = false;
    if (!(mbi->flags & MBI_CMDLINE) || mbi->cmdline < PHYS_START)
        return cmdline_buf;
    s = virtio_phys(mbi->cmdline);
    max = PHYS_END - mbi->cmdline; /* the string cannot go on past 4 GiB */
    /* The loader puts the kernel's name first: drop it. */
    while (i < max && s[i] != '\0' && s[i] != ' ')
        i++;
    if (i < max && s[i] == ' ')
        i++;
    s += i;
    max -= i;
    while (n < max && s[n] != '\0' && n < CMDLINE_SIZE - 1) {
        cmdline_buf[n] = s[n];
        n++;
    }
    cmdline_buf[n] = '\0';
    *truncated = n == max || s[n] != '\0';
    return cmdline_buf;
}
