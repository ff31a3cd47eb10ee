/* libFuzzer target: the --ipv4 options taken out of a command line. */
#include <stdio.h>

#include "fuzz_net.h"

/*
 * The input is a command line: words split at spaces, at most 64, after
 * argv[0]. net_config_args runs on them with the two interfaces of the
 * manifest listed, as before main. On success every option it took is gone
 * from argv, the rest are kept in order and NULL-terminated, and every
 * address it set has a contiguous mask; on failure it said why (stdout,
 * silenced here) and nothing more is checked.
 */

#define FZ_MAX_WORDS 64

/* Is s one of the options net_config_args must take? */
static int is_option(const char *s)
{
    static const char *const prefixes[] = {
        "--ipv4=", "--ipv4:", "--ipv4-gateway=", "--ipv4-gateway:"};

    for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
        if (!strncmp(s, prefixes[i], strlen(prefixes[i])))
            return 1;
    return 0;
}

/* Is the mask ones followed by zeros? */
static int contiguous(const ip4_addr_t *mask)
{
    uint32_t m = lwip_ntohl(ip4_addr_get_u32(mask));

    return (~m & (~m + 1)) == 0;
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (!freopen("/dev/null", "w", stdout))
        abort();
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static char arg0[] = "fuzz";
    char *buf = malloc(size + 1);
    char *argv[FZ_MAX_WORDS + 2], *orig[FZ_MAX_WORDS + 2];
    int argc = 1, out;

    memcpy(buf, data, size);
    buf[size] = '\0';
    argv[0] = arg0;
    for (char *p = buf; *p && argc <= FZ_MAX_WORDS;) {
        while (*p == ' ')
            *p++ = '\0';
        if (!*p)
            break;
        argv[argc++] = p;
        while (*p && *p != ' ')
            p++;
    }
    argv[argc] = NULL;
    memcpy(orig, argv, sizeof argv);
    memset(net_ifs, 0, sizeof net_ifs);
    strcpy(net_ifs[0].name, "service0");
    strcpy(net_ifs[1].name, "service1");
    net_nifs = 2;

    out = net_config_args(argc, argv);
    if (out >= 0) {
        int j = 1;

        if (out > argc || argv[out] != NULL)
            abort();
        /* the kept words: the non-options, in their order */
        for (int i = 1; i < argc; i++)
            if (!is_option(orig[i]) && argv[j++] != orig[i])
                abort();
        if (j != out)
            abort();
        for (int i = 0; i < net_nifs; i++)
            if (net_ifs[i].cfg.have_addr && !contiguous(&net_ifs[i].cfg.mask))
                abort();
    }
    free(buf);
    return 0;
}
