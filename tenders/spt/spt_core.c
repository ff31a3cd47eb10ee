/* solo5-spt core: guest memory, ELF load, boot info. */
#include "spt.h"

#include <err.h>
#include <errno.h>
#include <string.h>
#include <sys/mman.h>

_Static_assert(WAITSET_TIMER_TAG == SPT_EPOLL_TIMER_TAG,
               "the guest tells the timer apart by the spt ABI's tag");
_Static_assert(TENDER_CMDLINE_SIZE == SPT_CMDLINE_SIZE,
               "the guest command line fits its boot-info room");

static int protect(void *ctx, uint64_t start, uint64_t end, int prot)
{
    const struct spt *spt = ctx;
    int p = ((prot & ELF_PROT_R) ? PROT_READ : 0) |
            ((prot & ELF_PROT_W) ? PROT_WRITE : 0) |
            ((prot & ELF_PROT_X) ? PROT_EXEC : 0);

    /* Guest memory is mapped read/write already; each mprotect splits a
     * mapping, which costs start-up time for nothing. */
    if (p == (PROT_READ | PROT_WRITE) && !spt->exec_heap)
        return 0;
    return mprotect(gmem_ptr(&spt->mem, start, end - start), end - start, p);
}

/* Guest address == host address: the guest is mapped at its own addresses,
 * and NOREPLACE makes a clash with the tender an error instead of a crash. */
static void map_guest(struct spt *spt)
{
    uint64_t size = spt->t.mem_size;
    int prot = PROT_READ | PROT_WRITE | (spt->exec_heap ? PROT_EXEC : 0);
    void *p;

    if (size <= SPT_GUEST_MIN_BASE)
        errx(1, "Guest memory (--mem) must be larger than 1 MB");
    p = mmap((void *)SPT_HOST_MEM_BASE, size - SPT_HOST_MEM_BASE, prot,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == MAP_FAILED || p != (void *)SPT_HOST_MEM_BASE)
        errx(1, "Could not map guest memory (%llu MB): %s",
             (unsigned long long)(size >> 20),
             p == MAP_FAILED ? strerror(errno) : "placed elsewhere");
    spt->mem =
        (struct guest_mem){.host = p, .base = SPT_HOST_MEM_BASE, .size = size};
}

void spt_mem_init(struct spt *spt)
{
    struct kiln_err e;

    map_guest(spt);
    if (elf_load(&spt->t.elf, &spt->mem, protect, spt, &spt->img, &e) != 0)
        errx(1, "%s: %s", spt->t.kernel, e.msg);
}

void spt_boot_info_init(struct spt *spt)
{
    const struct tender *t = &spt->t;
    uint64_t mft_at = SPT_BOOT_INFO_BASE + sizeof(struct spt_boot_info);
    uint64_t cmd_at = mft_at + t->mft_size;
    size_t cmd_len = strlen(t->cmdline) + 1;
    struct spt_boot_info *bi =
        gmem_ptr(&spt->mem, SPT_BOOT_INFO_BASE, sizeof *bi);
    void *mft = gmem_ptr(&spt->mem, mft_at, t->mft_size);
    char *cmd = gmem_ptr(&spt->mem, cmd_at, cmd_len);

    /* Both sit below the lowest load address, so they cannot clash with the
     * image. */
    if (bi == NULL || mft == NULL || cmd == NULL ||
        cmd_at + SPT_CMDLINE_SIZE > SPT_GUEST_MIN_BASE)
        errx(1, "Internal error: boot information does not fit");
    memcpy(mft, t->mft, t->mft_size);
    memcpy(cmd, t->cmdline, cmd_len);
    *bi = (struct spt_boot_info){.mem_size = t->mem_size,
                                 .kernel_end = spt->img.kernel_end,
                                 .cmdline = cmd,
                                 .mft = mft,
                                 .epollfd = t->ws.epollfd,
                                 .timerfd = t->ws.timerfd};
}
