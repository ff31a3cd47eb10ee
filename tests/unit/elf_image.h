/* The crafted ELF image the ELF and note unit tests mutate, and its helpers. */
#ifndef KILN_TEST_ELF_IMAGE_H
#define KILN_TEST_ELF_IMAGE_H

#include <elf.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common.h"

#define MEM_SIZE (4ULL << 20)
#define TEXT 0x100000ULL

/* A small valid image: text R+X at 0x100000, data RW with bss, an ABI note. */
struct image {
    Elf64_Ehdr eh;
    Elf64_Phdr ph[3];
    struct abi1_note abi;
    uint8_t text[16];
    uint8_t data[8];
};

/* A valid x86_64 executable header with phnum program headers at phoff. */
static inline void ehdr_init(Elf64_Ehdr *eh, uint64_t phoff, unsigned phnum)
{
    memset(eh, 0, sizeof *eh);
    memcpy(eh->e_ident, ELFMAG, SELFMAG);
    eh->e_ident[EI_CLASS] = ELFCLASS64;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = ET_EXEC;
    eh->e_machine = EM_X86_64;
    eh->e_version = EV_CURRENT;
    eh->e_phoff = phoff;
    eh->e_ehsize = sizeof(Elf64_Ehdr);
    eh->e_phentsize = sizeof(Elf64_Phdr);
    eh->e_phnum = (uint16_t)phnum;
}

static inline void image_init(struct image *im)
{
    memset(im, 0, sizeof *im);
    ehdr_init(&im->eh, offsetof(struct image, ph), 3);
    im->eh.e_entry = TEXT + 4;
    im->ph[0] = (Elf64_Phdr){.p_type = PT_LOAD,
                             .p_flags = PF_R | PF_X,
                             .p_offset = offsetof(struct image, text),
                             .p_vaddr = TEXT,
                             .p_filesz = 16,
                             .p_memsz = 16,
                             .p_align = 0x1000};
    im->ph[1] = (Elf64_Phdr){.p_type = PT_LOAD,
                             .p_flags = PF_R | PF_W,
                             .p_offset = offsetof(struct image, data),
                             .p_vaddr = TEXT + 0x1000,
                             .p_filesz = 8,
                             .p_memsz = 0x1800,
                             .p_align = 0x1000};
    im->ph[2] = (Elf64_Phdr){.p_type = PT_NOTE,
                             .p_offset = offsetof(struct image, abi),
                             .p_filesz = sizeof im->abi,
                             .p_align = 4};
    im->abi =
        (struct abi1_note){.h = {SOLO5_NOTE_NAMESZ, sizeof(struct abi1_info),
                                 SOLO5_NOTE_ABI1, SOLO5_NOTE_NAME},
                           .info = {ABI1_TARGET_SPT, 2, 0, 0}};
    memset(im->text, 0x90, sizeof im->text);
    memset(im->data, 0xab, sizeof im->data);
}

/* An in-memory file holding len bytes of p. */
static inline int memfile(const void *p, size_t len)
{
    int fd = memfd_create("elf", 0);

    assert_true(fd >= 0);
    assert_int_equal(write(fd, p, len), (ssize_t)len);
    return fd;
}

/* Opens the file on fd as a tender does; fd is closed if that fails. */
static inline int open_fd(int fd, struct elf_file *f, struct kiln_err *err)
{
    int rc = elf_open(fd, f, err);

    if (rc != 0)
        close(fd);
    return rc;
}

/* One malformed image: a mutation of the valid one and its exact error. */
struct bad_case {
    const char *what;
    void (*mutate)(struct image *im);
    const char *msg;
};

/*
 * Runs every case of table: mutates a fresh image, calls attempt on it, and
 * fails the test unless attempt returned -1 with exactly the case's message.
 */
static inline void expect_bad_cases(const struct bad_case *table, size_t n,
                                    int (*attempt)(const struct image *im,
                                                   struct kiln_err *err))
{
    for (size_t i = 0; i < n; i++) {
        struct image im;
        struct kiln_err err = {""};
        image_init(&im);
        table[i].mutate(&im);
        int rc = attempt(&im, &err);
        if (rc != -1 || strcmp(err.msg, table[i].msg) != 0)
            fail_msg("case '%s': rc %d, got \"%s\", want \"%s\"", table[i].what,
                     rc, err.msg, table[i].msg);
    }
}

#define MUT(name, body)                                                        \
    static void name(struct image *im)                                         \
    {                                                                          \
        body;                                                                  \
    }
#endif /* KILN_TEST_ELF_IMAGE_H */
