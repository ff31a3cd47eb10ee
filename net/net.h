/* Kiln's network layer over lwIP: interfaces, polling, options (internal). */
#ifndef KILN_NET_INTERNAL_H
#define KILN_NET_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "lwip/netif.h"
#include "mft_abi.h"
#include "solo5.h"

/* At most a manifest's devices, each name at most the manifest's. */
#define NET_MAX_IFS MFT_MAX_ENTRIES
#define NET_NAME_SIZE MFT_NAME_SIZE

/* An interface's configuration: static when have_addr, else DHCP. */
struct net_cfg {
    int have_addr;
    int have_gw;
    ip4_addr_t addr;
    ip4_addr_t mask;
    ip4_addr_t gw;
};

/* One manifest net device and the lwIP interface over it. */
struct net_if {
    struct netif nif;
    char name[NET_NAME_SIZE];
    solo5_handle_t handle;
    struct solo5_net_info info;
    struct net_cfg cfg;
    uint8_t *rx; /* one frame: mtu + 14 bytes */
    uint8_t *tx;
    uint64_t rx_dropped; /* frames lost for want of pbufs */
};

/* The interfaces, in manifest order, and how many there are. */
extern struct net_if net_ifs[NET_MAX_IFS];
extern int net_nifs;

/* Brings up every manifest net device once; 0 or -1 with errno. */
int net_up(void);
/* One round: input every pending frame, run due lwIP timers; if nothing
 * happened, solo5_yield until the earlier of deadline (solo5_clock_monotonic
 * ns) and the next lwIP timer. Blocking socket calls loop on it. */
void net_poll(uint64_t deadline_ns);

/* Acquires device name and adds it to lwIP (up, link up); 0 or -1. */
int net_if_add(struct net_if *nif, const char *name);
/* Hands one received frame of len bytes to lwIP (copied); 0, or -1 if
 * dropped for want of memory. */
int net_if_frame(struct net_if *nif, const uint8_t *frame, size_t len);
/* Reads and inputs up to max pending frames; returns how many. */
int net_if_input(struct net_if *nif, int max);

/* crt_main.c's hook: net_config_args, then net_up; the new argc, or -1
 * (message printed). */
int net_main_args(int argc, char **argv);
/* Takes the --ipv4 options out of argv[1..argc-1] into the interfaces'
 * configuration; returns the new argc, or -1 (message printed) when one is
 * malformed or names no interface. */
int net_config_args(int argc, char **argv);
/* Parses "A.B.C.D" strictly into *addr; 0 or -1. */
int net_config_addr(const char *s, ip4_addr_t *addr);
/* Parses "A.B.C.D/PREFIX" into *addr and *mask; 0 or -1. */
int net_config_cidr(const char *s, ip4_addr_t *addr, ip4_addr_t *mask);

/* Milliseconds from solo5_clock_monotonic (lwIP's clock). */
uint32_t sys_now(void);

#endif
