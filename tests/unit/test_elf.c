/* Unit tests of the ELF loader: one crafted image per rule, exact errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "elf_image.h"

struct prot_log {
    unsigned n;
    uint64_t start[4], end[4];
    int prot[4];
};

static int log_protect(void *ctx, uint64_t start, uint64_t end, int prot)
{
    struct prot_log *l = ctx;

    if (l->n < 4) {
        l->start[l->n] = start;
        l->end[l->n] = end;
        l->prot[l->n] = prot;
    }
    l->n++;
    return 0;
}

static uint8_t *guest;

/* Loads im (truncated to len bytes) and returns elf_load's result. */
static int load(const struct image *im, size_t len, struct prot_log *log,
                struct elf_image *img, struct kiln_err *err)
{
    struct guest_mem mem = {.host = guest, .base = 0, .size = MEM_SIZE};
    struct elf_file f;
    int rc;

    memset(guest, 0x55, MEM_SIZE);
    if (open_fd(memfile(im, len), &f, err) != 0)
        return -1;
    rc = elf_load(&f, &mem, log_protect, log, img, err);
    close(f.fd);
    return rc;
}

static void test_load_ok(void **state)
{
    struct image im;
    struct prot_log log = {0};
    struct elf_image img;
    struct kiln_err err;

    (void)state;
    image_init(&im);
    assert_int_equal(load(&im, sizeof im, &log, &img, &err), 0);
    assert_int_equal(img.entry, TEXT + 4);
    assert_int_equal(img.kernel_end, TEXT + 0x3000);
    assert_memory_equal(guest + TEXT, im.text, 16);
    assert_memory_equal(guest + TEXT + 0x1000, im.data, 8);
    /* bss after the file part is zeroed even though memory held junk */
    assert_int_equal(guest[TEXT + 0x1008], 0);
    assert_int_equal(guest[TEXT + 0x17ff], 0);
    assert_int_equal(log.n, 2);
    assert_int_equal(log.start[0], TEXT);
    assert_int_equal(log.end[0], TEXT + 0x1000);
    assert_int_equal(log.prot[0], ELF_PROT_R | ELF_PROT_X);
    assert_int_equal(log.prot[1], ELF_PROT_R | ELF_PROT_W);
}

MUT(m_magic, im->eh.e_ident[1] = 'X')
MUT(m_class, im->eh.e_ident[EI_CLASS] = ELFCLASS32)
MUT(m_data, im->eh.e_ident[EI_DATA] = ELFDATA2MSB)
MUT(m_version, im->eh.e_version = 2)
MUT(m_type, im->eh.e_type = ET_DYN)
MUT(m_machine, im->eh.e_machine = EM_AARCH64)
MUT(m_ehsize, im->eh.e_ehsize = 63)
MUT(m_phentsize, im->eh.e_phentsize = 55)
MUT(m_phnum0, im->eh.e_phnum = 0)
MUT(m_phnum_big, im->eh.e_phnum = 200)
MUT(m_phoff, im->eh.e_phoff = 1ULL << 40)
MUT(m_entry_low, im->eh.e_entry = 0x1000)
MUT(m_entry_high, im->eh.e_entry = MEM_SIZE)
MUT(m_entry_data, im->eh.e_entry = TEXT + 0x1000)
MUT(m_low, im->ph[1].p_vaddr = 0xff000)
MUT(m_order, im->ph[1].p_vaddr = TEXT + 0x1000;
    im->ph[0].p_vaddr = TEXT + 0x3000; im->eh.e_entry = TEXT + 0x3000)
MUT(m_align0, im->ph[0].p_align = 0)
MUT(m_align3, im->ph[0].p_align = 3)
MUT(m_align_start, im->ph[0].p_align = 0x200000)
MUT(m_overlap, im->ph[1].p_vaddr = TEXT + 0x800)
MUT(m_beyond, im->ph[1].p_vaddr = MEM_SIZE)
MUT(m_filesz, im->ph[1].p_filesz = ~0ULL - 0x100)
MUT(m_memsz_small, im->ph[1].p_memsz = 4)
MUT(m_memsz_big, im->ph[1].p_memsz = MEM_SIZE)
MUT(m_memsz_wrap, im->ph[1].p_memsz = ~0ULL - 0x800)
MUT(m_unaligned, im->ph[1].p_align = 16; im->ph[1].p_vaddr = TEXT + 0x1010)
MUT(m_wx, im->ph[1].p_flags = PF_R | PF_W | PF_X)
MUT(m_offset, im->ph[1].p_offset = 1 << 20)
MUT(m_offset_wrap, im->ph[1].p_offset = ~0ULL - 2)

static const struct bad_case bad_cases[] = {
    {"magic", m_magic, "invalid executable: not an ELF file (bad magic)"},
    {"class", m_class, "invalid executable: not a 64-bit ELF file"},
    {"data", m_data, "invalid executable: not a little-endian ELF file"},
    {"version", m_version, "invalid executable: unsupported ELF version"},
    {"type", m_type, "invalid executable: not a static executable (e_type 3)"},
    {"machine", m_machine,
     "invalid executable: not an x86_64 executable (e_machine 183)"},
    {"ehsize", m_ehsize, "invalid executable: bad ELF header size 63"},
    {"phentsize", m_phentsize,
     "invalid executable: bad program header size 55"},
    {"phnum 0", m_phnum0, "invalid executable: no program headers"},
    {"phnum 200", m_phnum_big,
     "invalid executable: too many program headers (200)"},
    {"phoff", m_phoff, "invalid executable: file is truncated"},
    {"entry low", m_entry_low,
     "invalid executable: entry point 0x1000 is outside guest memory"},
    {"entry high", m_entry_high,
     "invalid executable: entry point 0x400000 is outside guest memory"},
    {"entry in data", m_entry_data,
     "invalid executable: entry point 0x101000 is not in an executable "
     "segment"},
    {"below base", m_low,
     "invalid executable: segment at 0xff000 is below 0x100000"},
    {"order", m_order,
     "invalid executable: segments are not in ascending address order"},
    {"align 0", m_align0,
     "invalid executable: segment alignment 0x0 is not a power of two"},
    {"align 3", m_align3,
     "invalid executable: segment alignment 0x3 is not a power of two"},
    {"aligned start", m_align_start,
     "invalid executable: aligned segment start is below 0x100000"},
    {"overlap", m_overlap, "invalid executable: segments overlap"},
    {"beyond memory", m_beyond,
     "invalid executable: segment does not fit in guest memory"},
    {"filesz overflow", m_filesz,
     "invalid executable: segment does not fit in guest memory"},
    {"memsz < filesz", m_memsz_small,
     "invalid executable: segment memory size is smaller than its file "
     "size"},
    {"memsz too big", m_memsz_big,
     "invalid executable: segment does not fit in guest memory"},
    {"memsz overflow", m_memsz_wrap,
     "invalid executable: segment does not fit in guest memory"},
    {"not page aligned", m_unaligned,
     "invalid executable: segment is not page aligned"},
    {"W^X", m_wx,
     "invalid executable: segment requests WRITE and EXEC permissions"},
    {"offset past end", m_offset, "invalid executable: file is truncated"},
    {"offset overflow", m_offset_wrap,
     "invalid executable: segment file range overflows"},
};

static int load_whole(const struct image *im, struct kiln_err *err)
{
    struct prot_log log = {0};
    struct elf_image img;

    return load(im, sizeof *im, &log, &img, err);
}

static void test_load_bad(void **state)
{
    (void)state;
    expect_bad_cases(bad_cases, sizeof bad_cases / sizeof bad_cases[0],
                     load_whole);
}

static void test_truncated_header(void **state)
{
    struct image im;
    struct prot_log log = {0};
    struct elf_image img;
    struct kiln_err err;

    (void)state;
    image_init(&im);
    assert_int_equal(load(&im, 40, &log, &img, &err), -1);
    assert_string_equal(err.msg, "invalid executable: file is truncated");
    assert_int_equal(load(&im, offsetof(struct image, data), &log, &img, &err),
                     -1);
    assert_string_equal(err.msg, "invalid executable: file is truncated");
}

/* Empty PT_LOADs (a bss, an empty tdata at address 0) are skipped, as the
 * reference linker scripts produce them. */
static void test_empty_segments_ignored(void **state)
{
    struct image im;
    struct prot_log log = {0};
    struct elf_image img;
    struct kiln_err err;

    (void)state;
    image_init(&im);
    im.ph[1] = (Elf64_Phdr){.p_type = PT_LOAD, .p_vaddr = 0, .p_memsz = 0};
    assert_int_equal(load(&im, sizeof im, &log, &img, &err), 0);
    assert_int_equal(log.n, 1);
    assert_int_equal(img.kernel_end, TEXT + 0x1000);
}

static void test_gmem_ptr(void **state)
{
    uint8_t buf[64];
    struct guest_mem m = {.host = buf, .base = 0x10, .size = 0x50};

    (void)state;
    assert_ptr_equal(gmem_ptr(&m, 0x10, 0x40), buf);
    assert_ptr_equal(gmem_ptr(&m, 0x4f, 1), buf + 0x3f);
    assert_null(gmem_ptr(&m, 0x0f, 1));      /* below base */
    assert_null(gmem_ptr(&m, 0x4f, 2));      /* past the top */
    assert_null(gmem_ptr(&m, 0x20, ~0ULL));  /* length wraps */
    assert_null(gmem_ptr(&m, ~0ULL - 1, 4)); /* address wraps */
    assert_non_null(gmem_ptr(&m, 0x50, 0));  /* empty range at the top */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load_ok),
        cmocka_unit_test(test_load_bad),
        cmocka_unit_test(test_truncated_header),
        cmocka_unit_test(test_empty_segments_ignored),
        cmocka_unit_test(test_gmem_ptr),
    };

    guest = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (guest == MAP_FAILED)
        return 1;
    return cmocka_run_group_tests_name("elf", tests, NULL, NULL);
}
