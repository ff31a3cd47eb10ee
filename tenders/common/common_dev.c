/* What every tender's device options share: names, paths, attached lists. */
#include "common.h"

const char *dev_name(const struct tender *t, unsigned idx,
                     char buf[TENDER_ESCAPED_NAME_SIZE])
{
    return tender_escape(t->mft->e[idx].name, buf, TENDER_ESCAPED_NAME_SIZE);
}

int dev_set_path(struct tender *t, const char *opt, unsigned idx,
                 const char *value)
{
    char name[TENDER_ESCAPED_NAME_SIZE];

    if (t->dev[idx].path != NULL)
        return tender_bad_option(opt, "Device '%s' attached more than once",
                                 dev_name(t, idx, name));
    t->dev[idx].path = value;
    return 0;
}

int dev_attach_all(struct tender *t, mft_type_t type,
                   int (*attach)(struct tender *t, unsigned idx))
{
    int n = 0;

    for (unsigned i = 0; i < t->mft->entries; i++) {
        if (t->mft->e[i].type != type || t->dev[i].path == NULL)
            continue;
        if (attach(t, i) != 0)
            return -1;
        n++;
    }
    return n;
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
