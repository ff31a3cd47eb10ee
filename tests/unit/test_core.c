/* Unit tests of the core-file writer: headers, notes, runs of touched pages. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/procfs.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common.h"
#include "common_core.h"

#define PAGE 4096

/* The whole of a file written by core_write. */
struct file {
    uint8_t *b;
    size_t size;
};

/* Writes a core of ranges to a temporary file and reads it back. */
static struct file write_core(const struct core_range *r, unsigned n,
                              const struct core_regs *regs,
                              const struct core_fpu *fpu)
{
    char path[] = "/tmp/kiln-core-XXXXXX";
    int fd = mkstemp(path);
    struct stat st;
    struct file f;

    assert_true(fd >= 0);
    unlink(path);
    assert_int_equal(core_write(fd, regs, fpu, SIGABRT, r, n), 0);
    assert_int_equal(fstat(fd, &st), 0);
    f.size = (size_t)st.st_size;
    f.b = malloc(f.size);
    assert_non_null(f.b);
    assert_int_equal(pread(fd, f.b, f.size, 0), (ssize_t)f.size);
    close(fd);
    return f;
}

static const Elf64_Phdr *phdr(const struct file *f, unsigned i)
{
    const Elf64_Ehdr *eh = (const void *)f->b;

    assert_true(i < eh->e_phnum);
    assert_true(eh->e_phoff + (i + 1) * sizeof(Elf64_Phdr) <= f->size);
    return (const void *)(f->b + eh->e_phoff + i * sizeof(Elf64_Phdr));
}

/* Three pages at 0x200000: data, zeros, data; and one zero page at 0x10000. */
static void test_layout(void **state)
{
    static uint8_t mem[3 * PAGE] __attribute__((aligned(PAGE)));
    static uint8_t zeros[PAGE];
    struct core_range r[2] = {{0x10000, zeros, PAGE},
                              {0x200000, mem, sizeof mem}};
    struct core_regs regs = {
        .rip = 0x1234567, .rsp = 0x7654320, .r12 = 12, .r15 = 15};
    struct core_fpu fpu = {{0}};
    const Elf64_Ehdr *eh;
    const Elf64_Phdr *p;
    struct file f;

    (void)state;
    memset(mem, 0xaa, PAGE);
    mem[2 * PAGE + 100] = 0x55;
    fpu.fxsave[24] = 0x80; /* MXCSR 0x1f80 */
    fpu.fxsave[25] = 0x1f;
    fpu.fxsave[160] = 0x42; /* xmm0's first byte */
    f = write_core(r, 2, &regs, &fpu);
    eh = (const void *)f.b;
    assert_memory_equal(eh->e_ident, ELFMAG, SELFMAG);
    assert_int_equal(eh->e_ident[EI_CLASS], ELFCLASS64);
    assert_int_equal(eh->e_ident[EI_OSABI], ELFOSABI_STANDALONE);
    assert_int_equal(eh->e_type, ET_CORE);
    assert_int_equal(eh->e_machine, EM_X86_64);
    /* The note, then one PT_LOAD per data page: the zero ones are left out. */
    assert_int_equal(eh->e_phnum, 3);
    p = phdr(&f, 1);
    assert_int_equal(p->p_type, PT_LOAD);
    assert_int_equal(p->p_vaddr, 0x200000);
    assert_int_equal(p->p_filesz, PAGE);
    assert_int_equal(p->p_memsz, PAGE);
    assert_true(p->p_offset + PAGE <= f.size);
    assert_memory_equal(f.b + p->p_offset, mem, PAGE);
    p = phdr(&f, 2);
    assert_int_equal(p->p_type, PT_LOAD);
    assert_int_equal(p->p_vaddr, 0x202000);
    assert_int_equal(p->p_filesz, PAGE);
    assert_true(p->p_offset + PAGE <= f.size);
    assert_memory_equal(f.b + p->p_offset, mem + 2 * PAGE, PAGE);
    /* Memory is page aligned in the file, after the notes. */
    assert_int_equal(phdr(&f, 1)->p_offset % PAGE, 0);
    assert_true(phdr(&f, 1)->p_offset >=
                phdr(&f, 0)->p_offset + phdr(&f, 0)->p_filesz);
    free(f.b);
}

/* The notes: NT_PRSTATUS with the registers and signal, NT_PRFPREG. */
static void test_notes(void **state)
{
    static uint8_t mem[PAGE] = {1};
    struct core_range r = {0x100000, mem, PAGE};
    struct core_regs regs = {
        .rip = 0x1234567, .rsp = 0x7654320, .r12 = 12, .r15 = 15, .gs = 0x2b};
    struct core_fpu fpu = {{0}};
    const Elf64_Phdr *p;
    const uint8_t *n, *end;
    struct elf_prstatus prs;
    struct file f;
    int seen = 0;

    (void)state;
    fpu.fxsave[160] = 0x42;
    f = write_core(&r, 1, &regs, &fpu);
    p = phdr(&f, 0);
    assert_int_equal(p->p_type, PT_NOTE);
    assert_true(p->p_offset + p->p_filesz <= f.size);
    n = f.b + p->p_offset;
    end = n + p->p_filesz;
    while (n + sizeof(Elf64_Nhdr) <= end) {
        const Elf64_Nhdr *h = (const void *)n;
        const uint8_t *desc = n + sizeof *h + ((h->n_namesz + 3) & ~3u);

        assert_int_equal(h->n_namesz, 5);
        assert_string_equal((const char *)(h + 1), "CORE");
        assert_true(desc + h->n_descsz <= end);
        if (h->n_type == NT_PRSTATUS) {
            assert_int_equal(h->n_descsz, sizeof prs);
            memcpy(&prs, desc, sizeof prs);
            assert_int_equal(prs.pr_cursig, SIGABRT);
            assert_int_equal(prs.pr_reg[16], 0x1234567); /* rip */
            assert_int_equal(prs.pr_reg[19], 0x7654320); /* rsp */
            assert_int_equal(prs.pr_reg[3], 12);         /* r12 */
            assert_int_equal(prs.pr_reg[0], 15);         /* r15 */
            assert_int_equal(prs.pr_reg[26], 0x2b);      /* gs */
            seen |= 1;
        } else if (h->n_type == NT_PRFPREG) {
            assert_int_equal(h->n_descsz, 512);
            assert_int_equal(desc[160], 0x42);
            seen |= 2;
        }
        n = desc + ((h->n_descsz + 3) & ~3u);
    }
    assert_int_equal(seen, 3);
    free(f.b);
}

/* Many scattered pages: runs are merged so the header count stays bounded,
 * and every non-zero byte is still in the file at its address. */
static void test_many_runs(void **state)
{
    size_t npages = 20000, size = npages * PAGE;
    uint8_t *mem = aligned_alloc(PAGE, size);
    struct core_range r = {0x100000, mem, size};
    struct core_regs regs = {0};
    struct core_fpu fpu = {{0}};
    const Elf64_Ehdr *eh;
    struct file f;
    size_t found = 0;

    (void)state;
    assert_non_null(mem);
    memset(mem, 0, size);
    for (size_t i = 0; i < npages; i += 2)
        mem[i * PAGE + 7] = (uint8_t)(i | 1);
    f = write_core(&r, 1, &regs, &fpu);
    eh = (const void *)f.b;
    assert_true(eh->e_phnum <= 4097);
    for (unsigned i = 1; i < eh->e_phnum; i++) {
        const Elf64_Phdr *p = phdr(&f, i);
        assert_true(p->p_offset + p->p_filesz <= f.size);
        assert_memory_equal(f.b + p->p_offset, mem + (p->p_vaddr - 0x100000),
                            p->p_filesz);
        found += p->p_filesz;
    }
    /* All the touched pages are covered: at least npages / 2 of them. */
    assert_true(found >= npages / 2 * PAGE);
    free(mem);
    free(f.b);
}

/* A write error (a read-only descriptor) is -1, not a crash. */
static void test_write_error(void **state)
{
    static uint8_t mem[PAGE] = {1};
    struct core_range r = {0x100000, mem, PAGE};
    struct core_regs regs = {0};
    struct core_fpu fpu = {{0}};

    (void)state;
    int fd = open("/dev/null", 0);
    assert_true(fd >= 0);
    assert_int_equal(core_write(fd, &regs, &fpu, SIGSEGV, &r, 1), -1);
    close(fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_layout),
        cmocka_unit_test(test_notes),
        cmocka_unit_test(test_many_runs),
        cmocka_unit_test(test_write_error),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
