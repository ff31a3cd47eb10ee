/* Kiln bindings manifest lookups: devices by name or by handle. */
#include "bindings.h"

static const struct mft *manifest;

void bindings_mft_set(const struct mft *mft)
{
    manifest = mft;
}

const struct mft_entry *bindings_mft_by_name(const char *name, mft_type_t type,
                                             solo5_handle_t *index)
{
    if (manifest == NULL || name == NULL)
        return NULL;
    for (uint32_t i = 0; i < manifest->entries; i++) {
        const struct mft_entry *e = &manifest->e[i];

        if (e->type == type && strncmp(e->name, name, MFT_NAME_SIZE) == 0) {
            *index = i;
            return e;
        }
    }
    return NULL;
}

const struct mft_entry *bindings_mft_by_index(solo5_handle_t index,
                                              mft_type_t type)
{
    if (manifest == NULL || index >= manifest->entries)
        return NULL;
    if (manifest->e[index].type != type)
        return NULL;
    return &manifest->e[index];
}
