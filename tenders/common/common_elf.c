/* ELF64 loader and Solo5 note reader: every field checked first. */
#include "common.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PAGE_SIZE 4096ULL

#define bad(err, ...) kiln_err_set((err), "invalid executable: " __VA_ARGS__)

/* Copies [off, off + len) of the file to dst; a short file is an error. */
static int copy_out(const struct elf_file *f, void *dst, uint64_t off,
                    uint64_t len, struct kiln_err *err)
{
    uint64_t done = 0;

    if (!range_inside(off, len, f->size))
        return bad(err, "file is truncated");
    while (done < len) {
        ssize_t n = pread(f->fd, (uint8_t *)dst + done, len - done,
                          (off_t)(off + done));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) /* the file shrank since elf_open */
            return bad(err, "read error: %s", n ? strerror(errno) : "EOF");
        done += (uint64_t)n;
    }
    return 0;
}

static int check_ident(const Elf64_Ehdr *eh, struct kiln_err *err)
{
    if (memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0)
        return bad(err, "not an ELF file (bad magic)");
    if (eh->e_ident[EI_CLASS] != ELFCLASS64)
        return bad(err, "not a 64-bit ELF file");
    if (eh->e_ident[EI_DATA] != ELFDATA2LSB)
        return bad(err, "not a little-endian ELF file");
    if (eh->e_ident[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
        return bad(err, "unsupported ELF version");
    return 0;
}

static int check_ehdr(const Elf64_Ehdr *eh, struct kiln_err *err)
{
    if (check_ident(eh, err))
        return -1;
    if (eh->e_type != ET_EXEC)
        return bad(err, "not a static executable (e_type %u)", eh->e_type);
    if (eh->e_machine != EM_X86_64)
        return bad(err, "not an x86_64 executable (e_machine %u)",
                   eh->e_machine);
    if (eh->e_ehsize != sizeof(Elf64_Ehdr))
        return bad(err, "bad ELF header size %u", eh->e_ehsize);
    if (eh->e_phentsize != sizeof(Elf64_Phdr))
        return bad(err, "bad program header size %u", eh->e_phentsize);
    if (eh->e_phnum == 0)
        return bad(err, "no program headers");
    if (eh->e_phnum > ELF_MAX_PHNUM)
        return bad(err, "too many program headers (%u)", eh->e_phnum);
    return 0;
}

/* The headers are read once and kept; every later read is of a range the
 * checks have already vetted, into its final place. */
int elf_open(int fd, struct elf_file *f, struct kiln_err *err)
{
    struct stat st;
    uint8_t magic[SELFMAG];

    *f = (struct elf_file){.fd = fd};
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return bad(err, "not a regular file");
    f->size = (uint64_t)st.st_size;
    /* A short text file is "not ELF" rather than "truncated". */
    if (f->size >= SELFMAG && copy_out(f, magic, 0, SELFMAG, err) == 0 &&
        memcmp(magic, ELFMAG, SELFMAG) != 0)
        return bad(err, "not an ELF file (bad magic)");
    if (copy_out(f, &f->eh, 0, sizeof f->eh, err) || check_ehdr(&f->eh, err) ||
        copy_out(f, f->ph, f->eh.e_phoff,
                 (uint64_t)f->eh.e_phnum * sizeof(Elf64_Phdr), err))
        return -1;
    return 0;
}

/* Loader state carried from one PT_LOAD to the next. */
struct load_state {
    uint64_t prev_vaddr; /* segments must come in ascending order */
    uint64_t prev_end;   /* ...and must not overlap */
    uint64_t mem_size;
};

/* Checks where a segment goes; sets [*start, *end), its page-aligned extent. */
static int check_placement(const Elf64_Phdr *ph, const struct load_state *st,
                           uint64_t *start, struct kiln_err *err)
{
    if (ph->p_vaddr < ELF_GUEST_MIN_BASE)
        return bad(err, "segment at 0x%llx is below 0x%llx",
                   (unsigned long long)ph->p_vaddr, ELF_GUEST_MIN_BASE);
    if (ph->p_vaddr < st->prev_vaddr)
        return bad(err, "segments are not in ascending address order");
    if (ph->p_align == 0 || (ph->p_align & (ph->p_align - 1)) != 0)
        return bad(err, "segment alignment 0x%llx is not a power of two",
                   (unsigned long long)ph->p_align);
    *start = ph->p_vaddr & ~(ph->p_align - 1);
    if (*start < ELF_GUEST_MIN_BASE)
        return bad(err, "aligned segment start is below 0x%llx",
                   ELF_GUEST_MIN_BASE);
    if (*start < st->prev_end)
        return bad(err, "segments overlap");
    return 0;
}

static int check_extent(const Elf64_Phdr *ph, const struct load_state *st,
                        uint64_t start, uint64_t *end, struct kiln_err *err)
{
    uint64_t file_end, mem_end;

    if (ph->p_vaddr >= st->mem_size ||
        add_overflows(ph->p_vaddr, ph->p_filesz, &file_end) ||
        file_end > st->mem_size)
        return bad(err, "segment does not fit in guest memory");
    if (ph->p_memsz < ph->p_filesz)
        return bad(err, "segment memory size is smaller than its file size");
    if (add_overflows(ph->p_vaddr, ph->p_memsz, &mem_end) ||
        align_up_overflows(mem_end, ph->p_align, end) || *end > st->mem_size)
        return bad(err, "segment does not fit in guest memory");
    if (start % PAGE_SIZE != 0 || *end % PAGE_SIZE != 0)
        return bad(err, "segment is not page aligned");
    if ((ph->p_flags & PF_W) && (ph->p_flags & PF_X))
        return bad(err, "segment requests WRITE and EXEC permissions");
    return 0;
}

/* Validates, copies and protects one PT_LOAD; updates st and img. */
static int load_segment(const struct elf_file *f, const Elf64_Phdr *ph,
                        struct load_state *st, const struct guest_mem *mem,
                        elf_protect_fn protect, void *ctx,
                        struct elf_image *img, struct kiln_err *err)
{
    uint64_t start = 0, end = 0, file_end;
    uint8_t *dst;

    if (check_placement(ph, st, &start, err) ||
        check_extent(ph, st, start, &end, err))
        return -1;
    if (add_overflows(ph->p_offset, ph->p_filesz, &file_end))
        return bad(err, "segment file range overflows");
    dst = gmem_ptr(mem, ph->p_vaddr, ph->p_memsz);
    if (dst == NULL)
        return bad(err, "segment does not fit in guest memory");
    if (copy_out(f, dst, ph->p_offset, ph->p_filesz, err))
        return -1;
    memset(dst + ph->p_filesz, 0, ph->p_memsz - ph->p_filesz);
    if (protect(ctx, start, end, ph->p_flags & (PF_R | PF_W | PF_X)) != 0)
        return kiln_err_set(err, "cannot protect segment at 0x%llx: %s",
                            (unsigned long long)start, strerror(errno));
    st->prev_vaddr = ph->p_vaddr;
    st->prev_end = end;
    if (end > img->kernel_end)
        img->kernel_end = end;
    return 0;
}

/* True if addr lies in a loaded (non-empty) executable PT_LOAD. */
static bool in_exec_segment(const Elf64_Phdr *ph, unsigned n, uint64_t addr)
{
    for (unsigned i = 0; i < n; i++) {
        if (ph[i].p_type != PT_LOAD || ph[i].p_filesz == 0 ||
            !(ph[i].p_flags & PF_X))
            continue;
        if (addr >= ph[i].p_vaddr && addr - ph[i].p_vaddr < ph[i].p_memsz)
            return true;
    }
    return false;
}

/* Only PT_LOADs with file contents count: empty ones (bss, empty tdata) rely
 * on guest memory being zero and may sit anywhere, even at address 0. */
static int load_segments(const struct elf_file *f, const struct guest_mem *mem,
                         elf_protect_fn protect, void *ctx,
                         struct elf_image *img, struct kiln_err *err)
{
    struct load_state st = {.mem_size = mem->size};

    for (unsigned i = 0; i < f->eh.e_phnum; i++) {
        const Elf64_Phdr *ph = &f->ph[i];
        if (ph->p_type != PT_LOAD || ph->p_filesz == 0)
            continue;
        if (load_segment(f, ph, &st, mem, protect, ctx, img, err))
            return -1;
    }
    if (img->kernel_end == 0)
        return bad(err, "no loadable segments");
    return 0;
}

int elf_load(const struct elf_file *f, const struct guest_mem *mem,
             elf_protect_fn protect, void *ctx, struct elf_image *img,
             struct kiln_err *err)
{
    uint64_t entry = f->eh.e_entry;

    *img = (struct elf_image){.entry = entry};
    if (entry < ELF_GUEST_MIN_BASE || entry >= mem->size)
        return bad(err, "entry point 0x%llx is outside guest memory",
                   (unsigned long long)entry);
    if (!in_exec_segment(f->ph, f->eh.e_phnum, entry))
        return bad(err, "entry point 0x%llx is not in an executable segment",
                   (unsigned long long)entry);
    return load_segments(f, mem, protect, ctx, img, err);
}

/* Examines the first note of one PT_NOTE; 0 match (*descsz set), 1 not ours,
 * -1 malformed. */
static int match_note(const struct elf_file *f, const Elf64_Phdr *ph,
                      uint32_t note_type, uint32_t max_desc, uint32_t *descsz,
                      struct kiln_err *err)
{
    struct solo5_note_header nh;
    uint64_t end;

    /* The linker scripts leave an empty one when no manifest was linked. */
    if (ph->p_filesz == 0)
        return bad(err, "note does not fall within valid size (an empty "
                        "PT_NOTE: no manifest linked? see solo5-elftool "
                        "gen-manifest)");
    if (ph->p_filesz < 12 || add_overflows(ph->p_offset, ph->p_filesz, &end))
        return bad(err, "note does not fall within valid size");
    if (ph->p_filesz < sizeof nh)
        return 1;
    if (copy_out(f, &nh, ph->p_offset, sizeof nh, err))
        return -1;
    if (nh.n_namesz != SOLO5_NOTE_NAMESZ || nh.n_type != note_type ||
        memcmp(nh.n_name, SOLO5_NOTE_NAME, SOLO5_NOTE_NAMESZ) != 0)
        return 1;
    if (nh.n_descsz < 1 || nh.n_descsz > max_desc ||
        ph->p_filesz < sizeof nh + nh.n_descsz)
        return bad(err, "Solo5 note does not fall within valid size");
    *descsz = nh.n_descsz;
    return 0;
}

/* Copies the content of a matched note, skipping its alignment padding. */
static int read_note_content(const struct elf_file *f, const Elf64_Phdr *ph,
                             uint32_t descsz, uint32_t align, void *buf,
                             size_t *out_size, struct kiln_err *err)
{
    uint32_t hdr = (uint32_t)sizeof(struct solo5_note_header);
    uint32_t pad = ((hdr + align - 1) & ~(align - 1)) - hdr;

    if (descsz <= pad)
        return bad(err, "Solo5 note does not fall within valid size");
    *out_size = descsz - pad;
    return copy_out(f, buf, ph->p_offset + hdr + pad, *out_size, err);
}

int elf_load_note(const struct elf_file *f, uint32_t note_type,
                  uint32_t max_desc, uint32_t content_align, void *buf,
                  size_t *out_size, struct kiln_err *err)
{
    uint32_t descsz = 0;
    int rc = 1;

    for (unsigned i = 0; i < f->eh.e_phnum && rc == 1; i++) {
        if (f->ph[i].p_type != PT_NOTE)
            continue;
        rc = match_note(f, &f->ph[i], note_type, max_desc, &descsz, err);
        if (rc == 0)
            rc = read_note_content(f, &f->ph[i], descsz, content_align, buf,
                                   out_size, err);
    }
    return rc;
}

int elf_load_abi(const struct elf_file *f, struct abi1_info *info,
                 struct kiln_err *err)
{
    uint8_t content[ABI1_NOTE_MAX_SIZE];
    size_t size;
    int rc = elf_load_note(f, SOLO5_NOTE_ABI1, ABI1_NOTE_MAX_SIZE, 4, content,
                           &size, err);

    if (rc != 0)
        return rc;
    /* The reference accepts shorter notes and reads past them; we do not. */
    if (size < sizeof *info)
        return bad(err, "Solo5 ABI note is too short (%zu bytes)", size);
    memcpy(info, content, sizeof *info);
    return 0;
}
