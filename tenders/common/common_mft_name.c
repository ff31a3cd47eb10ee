/* Manifest names: which are valid, and what is found by name. */
#include <string.h>

#include "common_module.h"

struct mft_entry *mft_get_by_name(struct mft *mft, const char *name,
                                  mft_type_t type, unsigned *index)
{
    for (unsigned i = 0; i < mft->entries; i++) {
        struct mft_entry *e = &mft->e[i];

        if (e->type == type && strncmp(e->name, name, MFT_NAME_SIZE) == 0) {
            if (index != NULL)
                *index = i;
            return e;
        }
    }
    return NULL;
}

const struct mft_device_type *mft_device_type_named(const char *name)
{
    const struct mft_device_type *d = mft_device_types;

    while (d->name != NULL && strcmp(d->name, name) != 0)
        d++;
    return d->name != NULL ? d : NULL;
}

/* Not isalnum(): names must mean the same thing whatever the locale. */
static bool is_alnum(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
           (c >= '0' && c <= '9');
}

bool mft_name_valid(const char *name)
{
    size_t n = 0;

    for (; name[n] != '\0'; n++) {
        if (n == MFT_NAME_MAX || !is_alnum(name[n]))
            return false;
    }
    return n > 0;
}
