/* solo5-spt core: guest memory, ELF load, yield fds, boot info. */
#include "spt.h"

#include <err.h>
#include <errno.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/timerfd.h>

/* The linker collects every SPT_MODULE pointer between these two symbols. */
extern const struct spt_module_ops *const __start_spt_modules[]
    __attribute__((weak));
extern const struct spt_module_ops *const __stop_spt_modules[]
    __attribute__((weak));

int spt_modules_each(int (*fn)(const struct spt_module_ops *, void *),
                     void *ctx)
{
    for (const struct spt_module_ops *const *m = __start_spt_modules;
         m < __stop_spt_modules; m++) {
        int rc = fn(*m, ctx);
        if (rc != 0)
            return rc;
    }
    return 0;
}

int spt_device_option(struct spt *spt, const char *opt, const char *prefix,
                      mft_type_t type, const char **value, unsigned *idx)
{
    char name[MFT_NAME_SIZE];
    struct kiln_err e;
    int rc = opt_device(opt, prefix, name, value, &e);

    if (rc < 0)
        warnx("%s", e.msg);
    if (rc != 0)
        return rc;
    if (mft_get_by_name(spt->mft, name, type, idx) == NULL) {
        warnx("Resource not declared in manifest: '%s'", name);
        return -1;
    }
    return 0;
}

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
    int prot = PROT_READ | PROT_WRITE | (spt->exec_heap ? PROT_EXEC : 0);
    void *p;

    if (spt->mem_size <= SPT_GUEST_MIN_BASE)
        errx(1, "Guest memory (--mem) must be larger than 1 MB");
    p = mmap((void *)SPT_HOST_MEM_BASE, spt->mem_size - SPT_HOST_MEM_BASE, prot,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == MAP_FAILED || p != (void *)SPT_HOST_MEM_BASE)
        errx(1, "Could not map guest memory (%llu MB): %s",
             (unsigned long long)(spt->mem_size >> 20),
             p == MAP_FAILED ? strerror(errno) : "placed elsewhere");
    spt->mem = (struct guest_mem){
        .host = p, .base = SPT_HOST_MEM_BASE, .size = spt->mem_size};
}

static void init_yield_fds(struct spt *spt)
{
    struct epoll_event ev = {.events = EPOLLIN,
                             .data.u64 = SPT_EPOLL_TIMER_TAG};

    spt->epollfd = epoll_create1(EPOLL_CLOEXEC);
    if (spt->epollfd < 0)
        err(1, "epoll_create1");
    spt->timerfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
    if (spt->timerfd < 0)
        err(1, "timerfd_create");
    if (epoll_ctl(spt->epollfd, EPOLL_CTL_ADD, spt->timerfd, &ev) < 0)
        err(1, "epoll_ctl(timerfd)");
}

void spt_mem_init(struct spt *spt)
{
    struct kiln_err e;

    map_guest(spt);
    if (elf_load(&spt->elf, &spt->mem, protect, spt, &spt->img, &e) != 0)
        errx(1, "%s: %s", spt->kernel, e.msg);
    init_yield_fds(spt);
}

void spt_boot_info_init(struct spt *spt, const char *cmdline)
{
    uint64_t mft_at = SPT_BOOT_INFO_BASE + sizeof(struct spt_boot_info);
    uint64_t cmd_at = mft_at + spt->mft_size;
    size_t cmd_len = strlen(cmdline) + 1;
    struct spt_boot_info *bi =
        gmem_ptr(&spt->mem, SPT_BOOT_INFO_BASE, sizeof *bi);
    void *mft = gmem_ptr(&spt->mem, mft_at, spt->mft_size);
    char *cmd = gmem_ptr(&spt->mem, cmd_at, cmd_len);

    /* Both sit below the lowest load address, so they cannot clash with the
     * image. */
    if (bi == NULL || mft == NULL || cmd == NULL ||
        cmd_at + SPT_CMDLINE_SIZE > SPT_GUEST_MIN_BASE)
        errx(1, "Internal error: boot information does not fit");
    memcpy(mft, spt->mft, spt->mft_size);
    memcpy(cmd, cmdline, cmd_len);
    *bi = (struct spt_boot_info){.mem_size = spt->mem_size,
                                 .kernel_end = spt->img.kernel_end,
                                 .cmdline = cmd,
                                 .mft = mft,
                                 .epollfd = spt->epollfd,
                                 .timerfd = spt->timerfd};
}
