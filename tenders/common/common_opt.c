/* Tender command-line pieces: device options, numbers, cmdline. */
#include "common.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

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

bool opt_parse_u64(const char *s, uint64_t *v)
{
    char *end;
    unsigned long long n;

    if (*s < '0' || *s > '9')
        return false;
    errno = 0;
    n = strtoull(s, &end, 10);
    if (errno != 0 || *end != '\0')
        return false;
    *v = n;
    return true;
}

int cmdline_join(char *buf, size_t size, int argc, char *const argv[])
{
    size_t used = 0;

    buf[0] = '\0';
    for (int i = 0; i < argc; i++) {
        size_t len = strlen(argv[i]) + (i > 0);
        if (len >= size - used)
            return -1;
        if (i > 0)
            buf[used++] = ' ';
        memcpy(buf + used, argv[i], len - (i > 0) + 1);
        used += len - (i > 0);
    }
    return 0;
}
