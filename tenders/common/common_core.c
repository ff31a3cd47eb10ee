/* Guest core files: --dumpcore=DIR's file; registers, FPU, memory by pwrite. */
#include "common_core.h"

#include <err.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/procfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PAGE 4096ULL
/* More runs than this and nearby runs are merged (zero pages included). */
#define CORE_MAX_RUNS 4096U

_Static_assert(sizeof(struct core_regs) == sizeof(elf_gregset_t),
               "core_regs is the kernel's x86_64 register set");
_Static_assert(sizeof(struct core_fpu) == sizeof(elf_fpregset_t),
               "core_fpu is an FXSAVE area");

/* A note's header and its name, "CORE\0" padded to 8: the descriptor
 * follows at a 4-byte (not 8-byte) boundary, hence bytes, not structs. */
#define NOTE_HEAD (sizeof(Elf64_Nhdr) + 8)
#define NOTES_SIZE                                                             \
    (2 * NOTE_HEAD + sizeof(struct elf_prstatus) + sizeof(struct core_fpu))

/* Everything but the memory; static: the spt handler's stack is small. */
static struct {
    Elf64_Ehdr eh;
    Elf64_Phdr note;
    uint8_t notes[NOTES_SIZE];
} head;
static struct elf_prstatus prs;

/* Byte loops, not memset/memcpy: the spt signal handler calls this with the
 * guest's FS base, and volatile keeps the compiler from calling libc. */
static void zero(void *p, size_t n)
{
    volatile uint8_t *b = p;

    while (n-- > 0)
        *b++ = 0;
}

static void copy(void *to, const void *from, size_t n)
{
    volatile uint8_t *d = to;
    const uint8_t *s = from;

    while (n-- > 0)
        *d++ = *s++;
}

/* Puts a CORE note of type with desc (size bytes, a multiple of 4) at at;
 * returns the end. */
static uint8_t *put_note(uint8_t *at, uint32_t type, const void *desc,
                         uint32_t size)
{
    Elf64_Nhdr h = {.n_namesz = 5, .n_descsz = size, .n_type = type};

    copy(at, &h, sizeof h);
    copy(at + sizeof h, "CORE", 4);
    copy(at + NOTE_HEAD, desc, size);
    return at + NOTE_HEAD + size;
}

static bool page_is_zero(const uint8_t *p, uint64_t len)
{
    const uint64_t *w = (const uint64_t *)(const void *)p;

    for (uint64_t i = 0; i < len / 8; i++)
        if (w[i] != 0)
            return false;
    for (uint64_t i = len & ~7ULL; i < len; i++)
        if (p[i] != 0)
            return false;
    return true;
}

/*
 * The next run of dumped pages of r at or after *pos (an offset into r):
 * from a non-zero page to the last non-zero page before more than gap zero
 * pages. False if none is left; else *start and *len (bytes) and *pos moves
 * past it.
 */
static bool next_run(const struct core_range *r, uint64_t *pos, uint64_t gap,
                     uint64_t *start, uint64_t *len)
{
    uint64_t at = *pos, end = 0, zeros = 0;
    bool found = false;

    for (; at < r->len; at += PAGE) {
        uint64_t n = r->len - at < PAGE ? r->len - at : PAGE;

        if (!page_is_zero(r->host + at, n)) {
            if (!found)
                *start = at;
            found = true;
            end = at + n;
            zeros = 0;
        } else if (found && ++zeros > gap) {
            break;
        }
    }
    *pos = at;
    if (found)
        *len = end - *start;
    return found;
}

static unsigned count_runs(const struct core_range *r, unsigned n, uint64_t gap)
{
    unsigned count = 0;
    uint64_t start, len;

    for (unsigned i = 0; i < n; i++)
        for (uint64_t pos = 0; next_run(&r[i], &pos, gap, &start, &len);)
            count++;
    return count;
}

static int pwrite_all(int fd, const void *buf, uint64_t len, uint64_t off)
{
    const uint8_t *p = buf;

    while (len > 0) {
        long n = core_pwrite(fd, p, len, off);
        if (n <= 0)
            return -1;
        p += n;
        len -= (uint64_t)n;
        off += (uint64_t)n;
    }
    return 0;
}

static void fill_head(const struct core_regs *regs, const struct core_fpu *fpu,
                      int sig, unsigned nload)
{
    zero(&head, sizeof head);
    head.eh.e_ident[EI_MAG0] = ELFMAG0;
    head.eh.e_ident[EI_MAG1] = ELFMAG1;
    head.eh.e_ident[EI_MAG2] = ELFMAG2;
    head.eh.e_ident[EI_MAG3] = ELFMAG3;
    head.eh.e_ident[EI_CLASS] = ELFCLASS64;
    head.eh.e_ident[EI_DATA] = ELFDATA2LSB;
    head.eh.e_ident[EI_VERSION] = EV_CURRENT;
    head.eh.e_ident[EI_OSABI] = ELFOSABI_STANDALONE;
    head.eh.e_type = ET_CORE;
    head.eh.e_machine = EM_X86_64;
    head.eh.e_version = EV_CURRENT;
    head.eh.e_phoff = sizeof head.eh;
    head.eh.e_ehsize = sizeof head.eh;
    head.eh.e_phentsize = sizeof(Elf64_Phdr);
    head.eh.e_phnum = (Elf64_Half)(1 + nload);
    head.note.p_type = PT_NOTE;
    /* After every program header: the note's, then one per run. */
    head.note.p_offset = sizeof head.eh + (1 + nload) * sizeof(Elf64_Phdr);
    head.note.p_filesz = sizeof head.notes;
    head.note.p_align = 4;
    zero(&prs, sizeof prs);
    prs.pr_info.si_signo = sig;
    prs.pr_cursig = (short)sig;
    prs.pr_pid = 1;
    copy(&prs.pr_reg, regs, sizeof *regs);
    prs.pr_fpvalid = 1;
    put_note(put_note(head.notes, NT_PRSTATUS, &prs, sizeof prs), NT_PRFPREG,
             fpu, sizeof *fpu);
}

/* Writes a PT_LOAD header and the data of each run, from file offset off. */
static int write_runs(int fd, const struct core_range *r, unsigned n,
                      uint64_t gap, uint64_t off)
{
    uint64_t ph = offsetof(__typeof__(head), notes), start, len;

    for (unsigned i = 0; i < n; i++)
        for (uint64_t pos = 0; next_run(&r[i], &pos, gap, &start, &len);) {
            Elf64_Phdr p = {.p_type = PT_LOAD,
                            .p_flags = PF_R | PF_W | PF_X,
                            .p_offset = off,
                            .p_vaddr = r[i].gaddr + start,
                            .p_filesz = len,
                            .p_memsz = len,
                            .p_align = PAGE};
            if (pwrite_all(fd, &p, sizeof p, ph) != 0 ||
                pwrite_all(fd, r[i].host + start, len, off) != 0)
                return -1;
            ph += sizeof p;
            off += (len + PAGE - 1) & ~(PAGE - 1);
        }
    return 0;
}

int core_write(int fd, const struct core_regs *regs, const struct core_fpu *fpu,
               int sig, const struct core_range *ranges, unsigned nranges)
{
    uint64_t gap = 0, off;
    unsigned nload;

    while ((nload = count_runs(ranges, nranges, gap)) > CORE_MAX_RUNS)
        gap = 2 * gap + 1;
    fill_head(regs, fpu, sig, nload);
    off = head.note.p_offset + sizeof head.notes;
    off = (off + PAGE - 1) & ~(PAGE - 1);
    if (pwrite_all(fd, &head, offsetof(__typeof__(head), notes), 0) != 0 ||
        pwrite_all(fd, head.notes, sizeof head.notes, head.note.p_offset) != 0)
        return -1;
    return write_runs(fd, ranges, nranges, gap, off);
}

int core_file_option(struct core_file *cf, const char *prog, const char *opt,
                     char *shown, size_t size)
{
    const char *dir;

    if (strncmp(opt, "--dumpcore=", 11) != 0)
        return 1;
    dir = opt + 11;
    if (cf->dirfd >= 0)
        close(cf->dirfd);
    cf->dirfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (cf->dirfd < 0)
        return tender_bad_option(opt, "Could not open core directory: %s",
                                 strerror(errno));
    tender_escape(dir, shown, size);
    snprintf(cf->name, sizeof cf->name, "core.%s.%d", prog, (int)getpid());
    return 0;
}

int core_file_open(struct core_file *cf)
{
    if (cf->dirfd < 0)
        return 0;
    cf->fd = openat(cf->dirfd, ".", O_TMPFILE | O_WRONLY | O_CLOEXEC, 0600);
    if (cf->fd < 0) {
        warnx("--dumpcore: Could not create a core file in the directory: %s",
              strerror(errno));
        return -1;
    }
    snprintf(cf->proc, sizeof cf->proc, "/proc/self/fd/%d", cf->fd);
    return 0;
}

void core_file_rules(const struct core_file *cf, struct sandbox *sb)
{
    sandbox_allow(sb, SYS_linkat, 3, 1u, SANDBOX_EQ,
                  (uint64_t)(uintptr_t)cf->proc, 2u, SANDBOX_EQ,
                  (uint64_t)cf->dirfd, 3u, SANDBOX_EQ,
                  (uint64_t)(uintptr_t)cf->name);
    sandbox_allow(sb, SYS_pwrite64, 1, 0u, SANDBOX_EQ, (uint64_t)cf->fd);
}
