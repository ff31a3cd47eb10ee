/* Kiln network layer: every manifest net device brought up, before main too. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "kiln/entropy.h"
#include "kiln/net.h"
#include "lwip/dhcp.h"
#include "lwip/init.h"
#include "lwip/ip4_addr.h"
#include "mft_abi.h"
#include "net.h"

/* How long net_up waits for DHCP leases before main runs anyway. */
#define NET_DHCP_WAIT_NS (30ULL * 1000000000ULL)

/* The manifest note the application links in (written by elftool); its
 * struct mft starts MFT_NOTE_MFT bytes in (the header, then padding). */
extern const uint8_t __solo5_mft1_note[];
#define MFT_NOTE_MFT 24

struct net_if net_ifs[NET_MAX_IFS];
int net_nifs;

/* 0 before the first net_up, 1 after it worked, -1 (errno) after it failed. */
static int up_state;
static int up_errno;
/* Set by net_main_args: the manifest's devices are in net_ifs already. */
static int listed;

/* Fills net_ifs with the manifest's NET_BASIC device names, in order. */
static void list_devices(void)
{
    const struct mft *m =
        (const struct mft *)(const void *)(__solo5_mft1_note + MFT_NOTE_MFT);

    if (listed)
        return;
    listed = 1;
    for (uint32_t i = 1; i < m->entries && i < MFT_MAX_ENTRIES; i++) {
        if (m->e[i].type != MFT_DEV_NET_BASIC || net_nifs == NET_MAX_IFS)
            continue;
        snprintf(net_ifs[net_nifs].name, sizeof net_ifs[0].name, "%s",
                 m->e[i].name);
        net_nifs++;
    }
}

/* Prints the interface's address the way the options spell it. */
static void report(const struct net_if *nif, const char *how)
{
    const struct netif *n = &nif->nif;
    char a[IP4ADDR_STRLEN_MAX], g[IP4ADDR_STRLEN_MAX];

    ip4addr_ntoa_r(netif_ip4_addr(n), a, sizeof a);
    ip4addr_ntoa_r(netif_ip4_gw(n), g, sizeof g);
    printf("net: %s: %s/%d gateway %s mtu %u (%s)\n", nif->name, a,
           __builtin_popcount(ip4_addr_get_u32(netif_ip4_netmask(n))), g,
           (unsigned)n->mtu, how);
}

/* Adds one interface with its static address, or starts DHCP on it. */
static int start_if(struct net_if *nif)
{
    char name[NET_NAME_SIZE];

    snprintf(name, sizeof name, "%s", nif->name);
    if (net_if_add(nif, name) < 0) {
        printf("net: %s: cannot bring the device up: %s\n", name,
               strerror(errno));
        return -1;
    }
    if (nif->cfg.have_addr) {
        netif_set_addr(&nif->nif, &nif->cfg.addr, &nif->cfg.mask,
                       nif->cfg.have_gw ? &nif->cfg.gw : IP4_ADDR_ANY4);
        report(nif, "static");
        return 0;
    }
    if (dhcp_start(&nif->nif) != ERR_OK) {
        printf("net: %s: cannot start DHCP\n", name);
        errno = ENOMEM;
        return -1;
    }
    return 0;
}

/* Polls until every DHCP interface has a lease or the wait is over. */
static void wait_leases(void)
{
    uint64_t end = solo5_clock_monotonic() + NET_DHCP_WAIT_NS;
    int pending = 1;

    while (pending && solo5_clock_monotonic() < end) {
        pending = 0;
        for (int i = 0; i < net_nifs; i++)
            if (!net_ifs[i].cfg.have_addr &&
                !dhcp_supplied_address(&net_ifs[i].nif))
                pending = 1;
        if (pending)
            net_poll(end);
    }
    for (int i = 0; i < net_nifs; i++) {
        if (net_ifs[i].cfg.have_addr)
            continue;
        if (dhcp_supplied_address(&net_ifs[i].nif))
            report(&net_ifs[i], "DHCP");
        else
            printf("net: %s: no DHCP lease yet, still asking\n",
                   net_ifs[i].name);
    }
}

int net_up(void)
{
    if (up_state != 0) {
        errno = up_errno;
        return up_state > 0 ? 0 : -1;
    }
    if (!kiln_entropy_ok()) {
        /* TCP sequence numbers and ports must not be guessable: no
         * weaker source stands in for the CPU's. */
        printf("net: no entropy source (this CPU has neither RDSEED nor "
               "RDRAND): the network stack will not start\n");
        up_errno = ENOSYS;
        up_state = -1;
        errno = ENOSYS;
        return -1;
    }
    list_devices();
    lwip_init();
    for (int i = 0; i < net_nifs; i++) {
        if (start_if(&net_ifs[i]) < 0) {
            up_errno = errno;
            up_state = -1;
            net_nifs = i;
            return -1;
        }
    }
    if (net_nifs > 0)
        netif_set_default(&net_ifs[0].nif);
    wait_leases();
    up_state = 1;
    return 0;
}

int kiln_net_up(void)
{
    return net_up();
}

/* crt_main.c's hook (weak there): the options out of argv, then net_up. */
int net_main_args(int argc, char **argv)
{
    list_devices();
    argc = net_config_args(argc, argv);
    if (argc < 0)
        return -1;
    if (net_up() < 0)
        return -1;
    return argc;
}
