/* Kiln manifest (MFT1) binary layout: elftool, tenders and bindings. */
#ifndef MFT_ABI_H
#define MFT_ABI_H

#include <stdbool.h>
#include <stdint.h>

#include "elf_abi.h"

#define MFT_VERSION 1U
#define MFT_NAME_SIZE 68U /* name field, including the NUL */
#define MFT_NAME_MAX (MFT_NAME_SIZE - 1)
#define MFT_MAX_ENTRIES 64U /* one handle set holds 64 handles */

/*
 * The one table of device types: X(NAME, VALUE, MODULE) per type, where
 * MFT_DEV_<NAME> = VALUE is the binary value (fixed by the Solo5 contract),
 * "NAME" the manifest JSON's "type" and MODULE the tender module serving it.
 * The enum below, the tenders' type names and module table, and elftool's
 * accepted types are all expanded from it.
 */
#define MFT_DEVICE_TYPES(X)                                                    \
    X(BLOCK_BASIC, 1, block)                                                   \
    X(NET_BASIC, 2, net)

#define MFT_DEV_ENUM_(name, value, module) MFT_DEV_##name = value,

/* Device types; values from MFT_RESERVED_FIRST up are not devices. */
typedef enum mft_type {
    MFT_DEVICE_TYPES(MFT_DEV_ENUM_) MFT_RESERVED_FIRST = 1U << 30,
} mft_type_t;

/*
 * Block features a Kiln tender offers in u.block_basic.features (spec 10.1).
 * These bytes are padding to the reference, whose tenders store capacity and
 * block_size field by field, so there they keep the binary's zeros.
 */
#define MFT_BLOCK_F_MULTI 0x1U         /* whole blocks up to max_request */
#define MFT_BLOCK_F_FLUSH 0x2U         /* spt fdatasync, hvt BLOCK_FLUSH */
#define MFT_BLOCK_F_WRITE_THROUGH 0x4U /* each write is durable on return */

/*
 * One manifest entry. The tender fills u, b and attached in its own copy
 * before giving that copy to the guest; in the binary they are zero.
 */
struct mft_entry {
    char name[MFT_NAME_SIZE];
    mft_type_t type;
    union {
        struct {
            uint64_t capacity;   /* bytes */
            uint16_t block_size; /* bytes */
            /* Kiln: padding to the reference, so 0 from its tenders. */
            uint16_t features;    /* MFT_BLOCK_F_* the tender offers */
            uint32_t max_request; /* bytes, with MFT_BLOCK_F_MULTI */
        } block_basic;
        struct {
            uint8_t mac[6];
            uint16_t mtu;
        } net_basic;
    } u;
    union {
        int hostfd; /* spt: the host descriptor behind the device */
        void *data;
    } b;
    bool attached;
};
_Static_assert(sizeof(struct mft_entry) == 104, "mft_entry is 104 bytes");
_Static_assert(__builtin_offsetof(struct mft_entry, type) == 68, "type at 68");
_Static_assert(__builtin_offsetof(struct mft_entry, u) == 72, "u at 72");
_Static_assert(__builtin_offsetof(struct mft_entry, u.block_basic.features) ==
                   82,
               "block features at 82");
_Static_assert(__builtin_offsetof(struct mft_entry,
                                  u.block_basic.max_request) == 84,
               "block max_request at 84");
_Static_assert(__builtin_offsetof(struct mft_entry, b) == 88, "b at 88");
_Static_assert(__builtin_offsetof(struct mft_entry, attached) == 96,
               "attached at 96");

/*
 * The manifest. Generated sources define MFT_ENTRIES before including this
 * header so the note can be initialised statically; everyone else sees a
 * flexible array.
 */
struct mft {
    uint32_t version;
    uint32_t entries;
#ifdef MFT_ENTRIES
    struct mft_entry e[MFT_ENTRIES];
#else
    struct mft_entry e[];
#endif
};
_Static_assert(__builtin_offsetof(struct mft, e) == 8, "entries at 8");

/* Size in bytes of a manifest with n entries. */
#define MFT_SIZE(n) (8U + 104U * (uint32_t)(n))

/* Largest MFT1 descriptor: 4 bytes of padding plus a full manifest. */
#define MFT1_NOTE_MAX_SIZE (4U + MFT_SIZE(MFT_MAX_ENTRIES))

/* The content of an MFT1 note starts 8-byte aligned, 4 bytes after the name. */
#define MFT1_NOTE_ALIGN 8U

#ifdef MFT_ENTRIES
/* The whole MFT1 note as generated sources place it in .note.solo5.manifest. */
struct mft1_note {
    struct solo5_note_header h;
    uint32_t pad;
    struct mft m;
};
_Static_assert(__builtin_offsetof(struct mft1_note, m) == 24, "mft at 24");
#endif

#endif /* MFT_ABI_H */
