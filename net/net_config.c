/* Kiln network layer: --ipv4 and --ipv4-gateway options taken out of argv. */
#include <stdio.h>
#include <string.h>

#include "net.h"

/* Parses a decimal number of at most max from *s, advancing it; 0 or -1. */
static int parse_num(const char **s, unsigned max, unsigned *out)
{
    const char *p = *s;
    unsigned v = 0;

    if (*p < '0' || *p > '9')
        return -1;
    while (*p >= '0' && *p <= '9') {
        v = v * 10 + (unsigned)(*p - '0');
        if (v > max || p - *s > 3)
            return -1;
        p++;
    }
    *s = p;
    *out = v;
    return 0;
}

/* Parses "A.B.C.D" at the start of *s, advancing it; 0 or -1. */
static int parse_quad(const char **s, ip4_addr_t *addr)
{
    unsigned b[4];

    for (int i = 0; i < 4; i++) {
        if (i > 0 && *(*s)++ != '.')
            return -1;
        if (parse_num(s, 255, &b[i]) < 0)
            return -1;
    }
    IP4_ADDR(addr, b[0], b[1], b[2], b[3]);
    return 0;
}

int net_config_addr(const char *s, ip4_addr_t *addr)
{
    if (parse_quad(&s, addr) < 0 || *s != '\0')
        return -1;
    return 0;
}

int net_config_cidr(const char *s, ip4_addr_t *addr, ip4_addr_t *mask)
{
    unsigned prefix;

    if (parse_quad(&s, addr) < 0 || *s++ != '/' ||
        parse_num(&s, 32, &prefix) < 0 || *s != '\0')
        return -1;
    ip4_addr_set_u32(mask,
                     prefix ? lwip_htonl(0xffffffffU << (32 - prefix)) : 0);
    return 0;
}

/* The interface an option names: ":NAME" after the option, or the first. */
static struct net_if *option_if(const char *suffix)
{
    if (*suffix == '=')
        return net_nifs > 0 ? &net_ifs[0] : NULL;
    for (int i = 0; i < net_nifs; i++)
        if (!strncmp(suffix + 1, net_ifs[i].name, strlen(net_ifs[i].name)) &&
            suffix[1 + strlen(net_ifs[i].name)] == '=')
            return &net_ifs[i];
    return NULL;
}

/* Applies one option (its text after "--ipv4"); 1 taken, 0 not ours, -1. */
static int apply(const char *arg)
{
    const char *rest = arg + 6;
    int gw = !strncmp(rest, "-gateway", 8);
    struct net_if *nif;
    const char *val;

    if (gw)
        rest += 8;
    if (*rest != '=' && *rest != ':')
        return 0;
    nif = option_if(rest);
    if (!nif) {
        printf("net: %s: no such network device\n", arg);
        return -1;
    }
    val = strchr(rest, '=') + 1;
    if (gw ? net_config_addr(val, &nif->cfg.gw) < 0
           : net_config_cidr(val, &nif->cfg.addr, &nif->cfg.mask) < 0) {
        printf("net: %s: malformed address\n", arg);
        return -1;
    }
    if (gw)
        nif->cfg.have_gw = 1;
    else
        nif->cfg.have_addr = 1;
    return 1;
}

int net_config_args(int argc, char **argv)
{
    int out = 1;

    for (int i = 1; i < argc; i++) {
        int r = strncmp(argv[i], "--ipv4", 6) ? 0 : apply(argv[i]);

        if (r < 0)
            return -1;
        if (r == 0)
            argv[out++] = argv[i];
    }
    argv[out] = NULL;
    return out;
}
