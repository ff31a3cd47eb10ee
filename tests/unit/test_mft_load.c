/* Unit tests of mft_load: the manifest note read from an ELF file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common.h"
#include "elf_image.h"

#define PREFIX "Solo5 manifest is invalid: "

/* A minimal ELF file: header, one PT_NOTE, an MFT1 note of three entries. */
struct mft_image {
    Elf64_Ehdr eh;
    Elf64_Phdr ph;
    struct solo5_note_header h;
    uint32_t pad;
    uint32_t version, entries;
    struct mft_entry e[3];
};

static int image_fd(struct mft_image *im)
{
    return memfile(im, sizeof *im);
}

static void mft_image_init(struct mft_image *im)
{
    memset(im, 0, sizeof *im);
    ehdr_init(&im->eh, offsetof(struct mft_image, ph), 1);
    im->ph =
        (Elf64_Phdr){.p_type = PT_NOTE,
                     .p_offset = offsetof(struct mft_image, h),
                     .p_filesz = sizeof *im - sizeof im->eh - sizeof im->ph,
                     .p_align = 8};
    im->h = (struct solo5_note_header){SOLO5_NOTE_NAMESZ, 4 + MFT_SIZE(3),
                                       SOLO5_NOTE_MFT1, SOLO5_NOTE_NAME};
    im->version = MFT_VERSION;
    im->entries = 3;
    im->e[0].type = MFT_RESERVED_FIRST;
    strcpy(im->e[1].name, "storage");
    im->e[1].type = MFT_DEV_BLOCK_BASIC;
    strcpy(im->e[2].name, "service0");
    im->e[2].type = MFT_DEV_NET_BASIC;
}

/* mft_load on the ELF file open on fd, as a tender does it. */
static int mft_load_fd(int fd, struct mft_store *store, size_t *size,
                       struct kiln_err *err)
{
    struct elf_file f;

    if (elf_open(fd, &f, err) != 0)
        return -1;
    return mft_load(&f, store, size, err);
}

static struct mft_store store;

static void test_load(void **state)
{
    struct mft_image im;
    struct kiln_err err;
    size_t size = 0;
    int fd;

    (void)state;
    _Static_assert(offsetof(struct mft_image, version) % 8 == 0,
                   "the manifest is 8-byte aligned in the image");
    mft_image_init(&im);
    fd = image_fd(&im);
    assert_int_equal(mft_load_fd(fd, &store, &size, &err), 0);
    assert_int_equal(size, MFT_SIZE(3));
    assert_memory_equal(mft_of(&store), &im.version, size);
    close(fd);
}

static void test_load_bad(void **state)
{
    struct mft_image im;
    struct kiln_err err;
    size_t size;
    int fd;

    (void)state;
    mft_image_init(&im);
    im.version = 2;
    fd = image_fd(&im);
    assert_int_equal(mft_load_fd(fd, &store, &size, &err), -1);
    assert_string_equal(err.msg, PREFIX "version 2, expected 1");
    close(fd);
    mft_image_init(&im);
    im.h.n_type = SOLO5_NOTE_ABI1; /* a note, but not a manifest */
    fd = image_fd(&im);
    assert_int_equal(mft_load_fd(fd, &store, &size, &err), 1);
    close(fd);
    mft_image_init(&im);
    im.h.n_descsz = MFT1_NOTE_MAX_SIZE + 8; /* beyond the largest manifest */
    fd = image_fd(&im);
    assert_int_equal(mft_load_fd(fd, &store, &size, &err), -1);
    assert_string_equal(
        err.msg,
        "invalid executable: Solo5 note does not fall within valid size");
    close(fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_load),
        cmocka_unit_test(test_load_bad),
    };

    return cmocka_run_group_tests_name("mft load", tests, NULL, NULL);
}
