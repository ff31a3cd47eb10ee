/* Device modules' shared code: --PREFIX:NAME=VALUE, names, paths, attaching. */
#include "common_dev.h"

#include <string.h>

struct tender_dev dev_args[MFT_MAX_ENTRIES];

int opt_device(const char *opt, const char *prefix, char name[MFT_NAME_SIZE],
               const char **value, struct kiln_err *err)
{
    size_t plen = strlen(prefix), nlen;
    const char *eq;
    char shown[TENDER_ESCAPED_NAME_SIZE];

    if (strncmp(opt, "--", 2) != 0 || strncmp(opt + 2, prefix, plen) != 0 ||
        opt[2 + plen] != ':')
        return 1;
    opt += 3 + plen;
    eq = strchr(opt, '=');
    if (eq == NULL)
        return kiln_err_set(err, "missing '=' after device name");
    nlen = (size_t)(eq - opt);
    if (nlen == 0 || nlen > MFT_NAME_MAX)
        return kiln_err_set(err, "device name must be 1..%u characters",
                            MFT_NAME_MAX);
    memcpy(name, opt, nlen);
    name[nlen] = '\0';
    if (!mft_name_valid(name))
        return kiln_err_set(err, "device name '%s' is not alphanumeric",
                            tender_escape(name, shown, sizeof shown));
    *value = eq + 1;
    return 0;
}

int dev_option(struct tender *t, const char *opt, const char *prefix,
               mft_type_t type, const char **value, unsigned *idx)
{
    char name[MFT_NAME_SIZE];
    struct kiln_err e;
    int rc = opt_device(opt, prefix, name, value, &e);

    if (rc < 0)
        return tender_bad_option(opt, "%s", e.msg);
    if (rc != 0)
        return rc;
    if (mft_get_by_name(t->mft, name, type, idx) == NULL)
        return tender_bad_option(opt, "Resource not declared in manifest: '%s'",
                                 name);
    return 0;
}

const char *dev_name(const struct tender *t, unsigned idx,
                     char buf[TENDER_ESCAPED_NAME_SIZE])
{
    return tender_escape(t->mft->e[idx].name, buf, TENDER_ESCAPED_NAME_SIZE);
}

int dev_set_path(struct tender *t, const char *opt, unsigned idx,
                 const char *value)
{
    char name[TENDER_ESCAPED_NAME_SIZE];

    if (dev_args[idx].path != NULL)
        return tender_bad_option(opt, "Device '%s' attached more than once",
                                 dev_name(t, idx, name));
    dev_args[idx].path = value;
    return 0;
}

int dev_attach_all(struct tender *t, mft_type_t type,
                   int (*attach)(struct tender *t, unsigned idx))
{
    int n = 0;

    for (unsigned i = 0; i < t->mft->entries; i++) {
        if (t->mft->e[i].type != type || dev_args[i].path == NULL)
            continue;
        if (attach(t, i) != 0)
            return -1;
        n++;
    }
    return n;
}

const struct mft_entry *dev_attached(const struct tender *t, uint64_t handle,
                                     mft_type_t type)
{
    const struct mft_entry *e;

    if (handle >= t->mft->entries)
        return NULL;
    e = &t->mft->e[handle];
    return e->type == type && e->attached ? e : NULL;
}

const struct mft_entry *dev_next_attached(const struct tender *t,
                                          mft_type_t type, unsigned *i)
{
    for (; *i < t->mft->entries; (*i)++) {
        const struct mft_entry *e = &t->mft->e[*i];
        if (e->type == type && e->attached) {
            (*i)++;
            return e;
        }
    }
    return NULL;
}

struct mft_entry *dev_describe(struct tender *t, mft_type_t type)
{
    struct mft_entry *e = &t->mft->e[t->mft->entries];

    e->type = type;
    e->attached = true;
    e->b.hostfd = 100 + (int)t->mft->entries++;
    return e;
}
