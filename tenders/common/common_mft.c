/* Manifest code shared by tenders and elftool: validation, loading, types. */
#include <string.h>

#include "common.h"

/* Every validation failure carries the message tenders and tests look for. */
#define invalid(err, ...)                                                      \
    kiln_err_set((err), "Solo5 manifest is invalid: " __VA_ARGS__)

/* Rules 1 and 2 of spec 2.4: header fields and exact size. */
static int check_header(const struct mft *mft, size_t size,
                        struct kiln_err *err)
{
    if (size < MFT_SIZE(0))
        return invalid(err, "%zu bytes is too short for a header", size);
    if (mft->version != MFT_VERSION)
        return invalid(err, "version %u, expected %u", mft->version,
                       MFT_VERSION);
    if (mft->entries > MFT_MAX_ENTRIES)
        return invalid(err, "%u entries, maximum %u", mft->entries,
                       MFT_MAX_ENTRIES);
    if (size != MFT_SIZE(mft->entries))
        return invalid(err, "size %zu does not match %u entries", size,
                       mft->entries);
    return 0;
}

/*
 * The attached byte of an untrusted entry may hold any value, and loading
 * a bool that is neither 0 nor 1 is undefined: read it as a byte.
 */
static uint8_t attached_byte(const struct mft_entry *e)
{
    uint8_t b;

    memcpy(&b, &e->attached, 1);
    return b;
}

/* Rules 3 and 4 of spec 2.4: reserved entry 0, each entry's name and state. */
static int check_entries(const struct mft *mft, struct kiln_err *err)
{
    if (mft->entries < 1)
        return invalid(err, "no entries");
    if (mft->e[0].type != MFT_RESERVED_FIRST)
        return invalid(err, "entry 0 has type 0x%x, expected 0x%x",
                       (unsigned)mft->e[0].type, (unsigned)MFT_RESERVED_FIRST);
    if (mft->e[0].name[0] != '\0')
        return invalid(err, "entry 0 has a name");
    for (uint32_t i = 0; i < mft->entries; i++) {
        if (mft->e[i].name[MFT_NAME_MAX] != '\0')
            return invalid(err, "entry %u name is not NUL-terminated", i);
        if (attached_byte(&mft->e[i]) != 0)
            return invalid(err, "entry %u is marked attached", i);
    }
    return 0;
}

int mft_validate(const struct mft *mft, size_t size, struct kiln_err *err)
{
    if (check_header(mft, size, err) != 0)
        return -1;
    return check_entries(mft, err);
}

int mft_load(const struct elf_file *f, struct mft_store *store, size_t *size,
             struct kiln_err *err)
{
    int rc = elf_load_note(f, SOLO5_NOTE_MFT1, MFT1_NOTE_MAX_SIZE,
                           MFT1_NOTE_ALIGN, store->bytes, size, err);

    if (rc != 0)
        return rc;
    return mft_validate(mft_of(store), *size, err);
}

#define MFT_DEV_ROW_(name, value, module) {MFT_DEV_##name, #name, #module},

const struct mft_device_type mft_device_types[] = {
    MFT_DEVICE_TYPES(MFT_DEV_ROW_){0, NULL, NULL}};

const struct mft_device_type *mft_device_type(mft_type_t type)
{
    const struct mft_device_type *d = mft_device_types;

    while (d->name != NULL && d->type != type)
        d++;
    return d->name != NULL ? d : NULL;
}

const char *mft_type_to_string(mft_type_t type)
{
    const struct mft_device_type *d = mft_device_type(type);

    return d != NULL ? d->name : "<undefined type>";
}
