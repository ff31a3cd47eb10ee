/* Kiln ELF notes (Solo5 ABI1, MFT1) shared by bindings, tenders, elftool. */
#ifndef ELF_ABI_H
#define ELF_ABI_H

#include <stdint.h>

/* Every Kiln note is named "Solo5" (6 bytes with NUL, padded to 8). */
#define SOLO5_NOTE_NAME "Solo5"
#define SOLO5_NOTE_NAMESZ 6

/* Note types: the ASCII tags "ABI1" and "MFT1" read as little-endian u32. */
#define SOLO5_NOTE_ABI1 0x31494241U
#define SOLO5_NOTE_MFT1 0x3154464dU

/* ELF note header followed by the padded "Solo5" name: 20 bytes. */
struct solo5_note_header {
    uint32_t n_namesz;
    uint32_t n_descsz;
    uint32_t n_type;
    char n_name[8];
};
_Static_assert(sizeof(struct solo5_note_header) == 20,
               "note header is 20 bytes");

/* Target identifiers carried in the ABI1 note. */
enum abi1_target {
    ABI1_TARGET_INVALID = 0,
    ABI1_TARGET_HVT = 1,
    ABI1_TARGET_SPT = 2,
    ABI1_TARGET_VIRTIO = 3,
    ABI1_TARGET_MUEN = 4,
    ABI1_TARGET_GENODE = 5,
    ABI1_TARGET_XEN = 6,
};

/* Content of the ABI1 note: which tender and ABI version a binary needs. */
struct abi1_info {
    uint32_t abi_target;
    uint32_t abi_version;
    uint32_t reserved0;
    uint32_t reserved1;
};
_Static_assert(sizeof(struct abi1_info) == 16, "ABI1 content is 16 bytes");

/* The whole ABI1 note as the bindings place it in .note.solo5.abi. */
struct abi1_note {
    struct solo5_note_header h;
    struct abi1_info info;
} __attribute__((aligned(4)));
_Static_assert(sizeof(struct abi1_note) == 36, "ABI1 note is 36 bytes");

/* Largest ABI1 descriptor a loader accepts. */
#define ABI1_NOTE_MAX_SIZE 32U

/*
 * Defines the ABI1 note for target/version in the section tenders look for;
 * aligned(4) on the object stops GCC from over-aligning it (notes are 4).
 */
#define ABI1_NOTE_DEFINE(TARGET, VERSION)                                      \
    const struct abi1_note __solo5_abi1_note                                   \
        __attribute__((section(".note.solo5.abi"), used, aligned(4))) = {      \
            .h = {.n_namesz = SOLO5_NOTE_NAMESZ,                               \
                  .n_descsz = sizeof(struct abi1_info),                        \
                  .n_type = SOLO5_NOTE_ABI1,                                   \
                  .n_name = SOLO5_NOTE_NAME},                                  \
            .info = {.abi_target = (TARGET), .abi_version = (VERSION)}}

/* OpenBSD refuses binaries without its own note; this one says "not OpenBSD".
 */
struct openbsd_note {
    uint32_t n_namesz;
    uint32_t n_descsz;
    uint32_t n_type;
    char n_name[8];
    uint32_t desc;
} __attribute__((aligned(4)));
_Static_assert(sizeof(struct openbsd_note) == 24, "OpenBSD note is 24 bytes");

#endif /* ELF_ABI_H */
