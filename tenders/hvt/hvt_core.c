/* solo5-hvt core: guest memory, the checked accessor, hypercall dispatch. */
#include "hvt.h"

#include <err.h>
#include <errno.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

static hvt_hypercall_fn hypercalls[HVT_HYPERCALL_MAX];
const struct hvt_tracer *hvt_tracer;
static struct hvt *running; /* set by hvt_core_setup: whose modules end */

/* Guest-visible memory is writable except the image's read-only segments. */
static bool writable(const struct hvt *h, uint64_t gpa, uint64_t len)
{
    for (unsigned i = 0; i < h->nro; i++)
        if (gpa < h->ro[i].end && gpa + len > h->ro[i].start)
            return false;
    return true;
}

void *hvt_gpa(const struct hvt *h, uint64_t gpa, uint64_t len, uint64_t align,
              bool write, const char *file, int line)
{
    void *p = gmem_ptr(&h->mem, gpa, len);
    const char *why = p == NULL          ? ""
                      : gpa % align != 0 ? " (misaligned)"
                      : write && !writable(h, gpa, len)
                          ? " (write to read-only memory)"
                          : NULL;
    const char *base = strrchr(file, '/');

    if (why == NULL)
        return p;
    hvt_die("%s:%d: Invalid guest access: gpa=0x%llx, sz=%llu%s",
            base ? base + 1 : file, line, (unsigned long long)gpa,
            (unsigned long long)len, why);
}

/* The linker collects every HVT_HYPERCALL entry between these symbols. */
extern const struct hvt_hypercall_entry __start_hvt_hypercalls[]
    __attribute__((weak));
extern const struct hvt_hypercall_entry __stop_hvt_hypercalls[]
    __attribute__((weak));

const struct hvt_hypercall_entry *hvt_hypercalls_linked(unsigned *n)
{
    *n = (unsigned)(__stop_hvt_hypercalls - __start_hvt_hypercalls);
    return __start_hvt_hypercalls;
}

void hvt_hypercall_enable(unsigned nr)
{
    unsigned i = 0, n;
    const struct hvt_hypercall_entry *hc = hvt_hypercalls_linked(&n);

    while (i < n && hc[i].nr != nr)
        i++;
    if (i == n || nr >= HVT_HYPERCALL_MAX || hypercalls[nr] != NULL)
        hvt_die("Internal error: hypercall %u not linked in or enabled twice",
                nr);
    hypercalls[nr] = hc[i].fn;
}

unsigned hvt_hypercall_count(void)
{
    unsigned n = 0;

    for (unsigned i = 0; i < HVT_HYPERCALL_MAX; i++)
        n += hypercalls[i] != NULL;
    return n;
}

void hvt_hypercall(struct hvt *h, unsigned nr, uint64_t gpa)
{
    if (nr >= HVT_HYPERCALL_MAX || hypercalls[nr] == NULL)
        hvt_die("Invalid guest hypercall: num=%u", nr);
    if (__builtin_expect(hvt_tracer != NULL, 0))
        hvt_tracer->hypercall(h, nr, gpa, hypercalls[nr]);
    else
        hypercalls[nr](h, gpa);
}

void hvt_end(int status, bool fatal)
{
    static atomic_flag ending = ATOMIC_FLAG_INIT;

    /* The first to end runs the hooks; a hook that dies, or a second
     * thread, just exits. */
    if (running != NULL && !atomic_flag_test_and_set(&ending))
        tender_modules_exit(&running->t, status, fatal);
    exit(status);
}

/* HALT ends the tender with the guest's status; a trap cookie must point at
 * readable guest memory (the dumpcore module reads it from h->halt_cookie).
 */
static void hc_halt(struct hvt *h, uint64_t gpa)
{
    const struct hvt_hc_halt *a = HVT_ARG(h, gpa, sizeof *a, false);
    uint64_t cookie = a->cookie;
    int status = a->exit_status;

    if (cookie != 0)
        (void)HVT_GPA(h, cookie, HVT_HALT_COOKIE_MAX, false);
    h->halt_cookie = cookie;
    hvt_end(status, false);
}
HVT_HYPERCALL(HALT, hc_halt);

/* ---- guest memory ---------------------------------------------------------
 */

/* --mem rounded down to whole 2 MiB pages, at least one, at most 4 GiB. */
static uint64_t size_memory(uint64_t want)
{
    uint64_t size = want & ~(HVT_LARGE_PAGE - 1);

    if (want > HVT_MEM_MAX)
        hvt_die("guest memory size %llu MB exceeds the max size %llu MB",
                (unsigned long long)(want / MIB),
                (unsigned long long)(HVT_MEM_MAX / MIB));
    if (size == 0)
        size = HVT_LARGE_PAGE;
    if (size != want)
        warnx("adjusting memory to %llu bytes", (unsigned long long)size);
    return size;
}

/* On the host, guest code stays readable but never executable; a guest
 * write to a read-only page faults on the host side, which KVM reports
 * (EFAULT or an MMIO write) and the tender ends as a translation fault. */
static int protect(void *ctx, uint64_t start, uint64_t end, int prot)
{
    struct hvt *h = ctx;
    int p = PROT_READ | ((prot & ELF_PROT_W) ? PROT_WRITE : 0);

    if (!(prot & ELF_PROT_W)) {
        if (h->nro == ELF_MAX_PHNUM)
            return -1;
        h->ro[h->nro].start = start;
        h->ro[h->nro++].end = end;
    }
    return mprotect(h->mem.host + start, end - start, p);
}

/* Every PT_LOAD with memory, bss-only ones included (the shared loader skips
 * those), lies in [0x100000, mem.size): below are the boot data and page
 * tables, above is what modules reserved. Run after elf_load,
 * whose messages about segments with file contents come first. */
static void check_segments(const struct hvt *h)
{
    const struct elf_file *f = &h->t.elf;

    for (unsigned i = 0; i < f->eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &f->ph[i];
        uint64_t end;

        if (ph->p_type != PT_LOAD || ph->p_memsz == 0)
            continue;
        if (ph->p_vaddr < ELF_GUEST_MIN_BASE ||
            add_overflows(ph->p_vaddr, ph->p_memsz, &end) || end > h->mem.size)
            hvt_die("%s: invalid executable: segment at 0x%llx of 0x%llx "
                    "bytes reaches outside [0x%llx, 0x%llx)%s",
                    h->t.kernel, (unsigned long long)ph->p_vaddr,
                    (unsigned long long)ph->p_memsz, ELF_GUEST_MIN_BASE,
                    (unsigned long long)h->mem.size,
                    h->mem.size < h->alloc_size
                        ? " (reserved memory starts there)"
                        : "");
    }
}

void hvt_mem_init(struct hvt *h)
{
    const struct tender_module *m;
    struct guest_mem all;
    struct kiln_err e;

    h->alloc_size = size_memory(h->t.mem_size);
    all = (struct guest_mem){.size = h->alloc_size};
    all.host = mmap(NULL, h->alloc_size, PROT_READ | PROT_WRITE,
                    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (all.host == MAP_FAILED)
        hvt_die("Could not allocate guest memory (%llu MB): %s",
                (unsigned long long)(h->alloc_size / MIB), strerror(errno));
    h->mem = all;
    /* Boot data and the first stack page: a few KiB at each end that a
     * transparent huge page would make 2 MiB to zero on every start. */
    (void)madvise(all.host, HVT_LARGE_PAGE, MADV_NOHUGEPAGE);
    (void)madvise(all.host + all.size - HVT_LARGE_PAGE, HVT_LARGE_PAGE,
                  MADV_NOHUGEPAGE);
    for (unsigned i = 0; (m = tender_module_at(i)) != NULL; i++)
        if (m->reserve != NULL)
            h->mem.size -= m->reserve(&h->t, h->mem.size);
    if (elf_load(&h->t.elf, &h->mem, protect, h, &h->img, &e) != 0)
        hvt_die("%s: %s", h->t.kernel, e.msg);
    check_segments(h);
    if (hvt_cpu_setup_memory(&all, h->alloc_size) != 0)
        hvt_die("Internal error: cannot set up page tables");
}

void hvt_boot_info_init(struct hvt *h)
{
    uint64_t mft_at = HVT_BOOT_INFO_BASE + sizeof(struct hvt_boot_info);
    uint64_t cmd_at = mft_at + h->t.mft_size;
    size_t cmd_len = strlen(h->t.cmdline) + 1;
    struct hvt_boot_info *bi =
        gmem_ptr(&h->mem, HVT_BOOT_INFO_BASE, sizeof *bi);
    void *mft = gmem_ptr(&h->mem, mft_at, h->t.mft_size);
    char *cmd = gmem_ptr(&h->mem, cmd_at, cmd_len);
    const struct tender_module *m;

    if (bi == NULL || mft == NULL || cmd == NULL ||
        cmd_at + HVT_CMDLINE_SIZE > HVT_GUEST_MIN_BASE)
        hvt_die("Internal error: boot information does not fit");
    memcpy(mft, h->t.mft, h->t.mft_size);
    memcpy(cmd, h->t.cmdline, cmd_len);
    /* All 56 bytes, always: the compatibility hazards of spec 4.14. */
    *bi = (struct hvt_boot_info){
        .mem_size = h->mem.size,
        .kernel_end = h->img.kernel_end,
        .cpu_cycle_freq = h->tsc_freq,
        .cmdline = cmd_at,
        .mft = mft_at,
    };
    for (unsigned i = 0; (m = tender_module_at(i)) != NULL; i++)
        if (m->boot_info != NULL)
            m->boot_info(&h->t, bi);
}

void hvt_core_setup(struct hvt *h)
{
    static const unsigned calls[] = {HVT_HYPERCALL_HALT, HVT_HYPERCALL_WALLTIME,
                                     HVT_HYPERCALL_PUTS, HVT_HYPERCALL_POLL};

    running = h;
    for (unsigned i = 0; i < sizeof calls / sizeof calls[0]; i++)
        hvt_hypercall_enable(calls[i]);
}
