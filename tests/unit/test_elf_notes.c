/* Unit tests of the Solo5 note reader: ABI1 and MFT1 notes, good and bad. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <stdlib.h>

#include "elf_image.h"

static int abi_of(const struct image *im, struct abi1_info *info,
                  struct kiln_err *err)
{
    struct elf_file f;
    int rc;

    if (open_fd(memfile(im, sizeof *im), &f, err) != 0)
        return -1;
    rc = elf_load_abi(&f, info, err);
    close(f.fd);
    return rc;
}

static void test_abi_note(void **state)
{
    struct image im;
    struct abi1_info info;
    struct kiln_err err;

    (void)state;
    image_init(&im);
    assert_int_equal(abi_of(&im, &info, &err), 0);
    assert_int_equal(info.abi_target, ABI1_TARGET_SPT);
    assert_int_equal(info.abi_version, 2);
    im.abi.h.n_type = SOLO5_NOTE_MFT1; /* another note: not found */
    assert_int_equal(abi_of(&im, &info, &err), 1);
    image_init(&im);
    im.abi.h.n_name[0] = 's'; /* name must match exactly */
    assert_int_equal(abi_of(&im, &info, &err), 1);
    image_init(&im);
    im.ph[2].p_type = PT_NULL;
    assert_int_equal(abi_of(&im, &info, &err), 1);
}

MUT(n_desc0, im->abi.h.n_descsz = 0)
MUT(n_desc_big, im->abi.h.n_descsz = 33)
MUT(n_desc_past, im->ph[2].p_filesz = 30)
MUT(n_filesz_tiny, im->ph[2].p_filesz = 11)
MUT(n_filesz_0, im->ph[2].p_filesz = 0)
MUT(n_desc_short, im->abi.h.n_descsz = 8; im->ph[2].p_filesz = 28)
MUT(n_offset_wrap, im->ph[2].p_offset = ~0ULL - 4)

static const struct bad_case bad_notes[] = {
    {"descsz 0", n_desc0,
     "invalid executable: Solo5 note does not fall within valid size"},
    {"descsz > max", n_desc_big,
     "invalid executable: Solo5 note does not fall within valid size"},
    {"desc past segment", n_desc_past,
     "invalid executable: Solo5 note does not fall within valid size"},
    {"segment < 12", n_filesz_tiny,
     "invalid executable: note does not fall within valid size"},
    {"empty segment", n_filesz_0,
     "invalid executable: note does not fall within valid size (an empty "
     "PT_NOTE: no manifest linked? see solo5-elftool gen-manifest)"},
    {"short content", n_desc_short,
     "invalid executable: Solo5 ABI note is too short (8 bytes)"},
    {"offset overflow", n_offset_wrap,
     "invalid executable: note does not fall within valid size"},
};

static int abi_only(const struct image *im, struct kiln_err *err)
{
    struct abi1_info info;

    return abi_of(im, &info, err);
}

static void test_abi_note_bad(void **state)
{
    (void)state;
    expect_bad_cases(bad_notes, sizeof bad_notes / sizeof bad_notes[0],
                     abi_only);
}

/* The crafted "buggyelf" case: an MFT1 note whose n_descsz (1) is smaller
 * than the 4 bytes of padding before the manifest. */
static void test_mft_note_underflow(void **state)
{
    struct image im;
    struct kiln_err err;
    struct elf_file f;
    struct mft_store out;
    size_t size;

    (void)state;
    image_init(&im);
    im.abi.h.n_type = SOLO5_NOTE_MFT1;
    im.abi.h.n_descsz = 1;
    assert_int_equal(open_fd(memfile(&im, sizeof im), &f, &err), 0);
    assert_int_equal(elf_load_note(&f, SOLO5_NOTE_MFT1, MFT1_NOTE_MAX_SIZE,
                                   MFT1_NOTE_ALIGN, out.bytes, &size, &err),
                     -1);
    assert_string_equal(
        err.msg,
        "invalid executable: Solo5 note does not fall within valid size");
    close(f.fd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_abi_note),
        cmocka_unit_test(test_abi_note_bad),
        cmocka_unit_test(test_mft_note_underflow),
    };

    return cmocka_run_group_tests_name("elf notes", tests, NULL, NULL);
}
