/* Kiln network layer: an lwIP interface over one Solo5 net device. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "lwip/etharp.h"
#include "lwip/pbuf.h"
#include "net.h"
#include "netif/ethernet.h"

/* Sends one frame, gathered into the tx buffer when it is a chain. */
static err_t linkoutput(struct netif *lnif, struct pbuf *p)
{
    struct net_if *nif = lnif->state;
    size_t max = nif->info.mtu + SOLO5_NET_HLEN;
    const uint8_t *frame = p->payload;

    if (p->tot_len > max)
        return ERR_IF;
    if (p->len != p->tot_len) {
        if (pbuf_copy_partial(p, nif->tx, p->tot_len, 0) != p->tot_len)
            return ERR_IF;
        frame = nif->tx;
    }
    if (solo5_net_write(nif->handle, frame, p->tot_len) != SOLO5_R_OK)
        return ERR_IF;
    return ERR_OK;
}

/* lwIP's netif init hook: MAC, MTU, flags and the output functions. */
static err_t if_init(struct netif *lnif)
{
    struct net_if *nif = lnif->state;

    lnif->name[0] = 'e';
    lnif->name[1] = 'n';
    lnif->hwaddr_len = ETH_HWADDR_LEN;
    memcpy(lnif->hwaddr, nif->info.mac_address, ETH_HWADDR_LEN);
    lnif->mtu = (u16_t)(nif->info.mtu > 0xffff ? 0xffff : nif->info.mtu);
    lnif->flags = NETIF_FLAG_BROADCAST | NETIF_FLAG_ETHARP |
                  NETIF_FLAG_ETHERNET | NETIF_FLAG_LINK_UP;
    lnif->output = etharp_output;
    lnif->linkoutput = linkoutput;
    return ERR_OK;
}

int net_if_add(struct net_if *nif, const char *name)
{
    size_t frame;

    if (strlen(name) >= sizeof nif->name) {
        errno = EINVAL;
        return -1;
    }
    strcpy(nif->name, name);
    if (solo5_net_acquire(name, &nif->handle, &nif->info) != SOLO5_R_OK) {
        errno = ENODEV;
        return -1;
    }
    frame = nif->info.mtu + SOLO5_NET_HLEN;
    nif->rx = malloc(frame);
    nif->tx = malloc(frame);
    if (!nif->rx || !nif->tx) {
        free(nif->rx);
        free(nif->tx);
        nif->rx = nif->tx = NULL;
        errno = ENOMEM;
        return -1;
    }
    if (!netif_add(&nif->nif, NULL, NULL, NULL, nif, if_init, ethernet_input)) {
        errno = EIO;
        return -1;
    }
    netif_set_up(&nif->nif);
    return 0;
}

int net_if_frame(struct net_if *nif, const uint8_t *frame, size_t len)
{
    struct pbuf *p;

    if (len > 0xffff)
        return -1;
    p = pbuf_alloc(PBUF_RAW, (u16_t)len, PBUF_POOL);
    if (!p) {
        nif->rx_dropped++;
        return -1;
    }
    if (pbuf_take(p, frame, (u16_t)len) != ERR_OK ||
        nif->nif.input(p, &nif->nif) != ERR_OK) {
        pbuf_free(p);
        nif->rx_dropped++;
        return -1;
    }
    return 0;
}

/* Reads one pending frame straight into a pool pbuf and inputs it: 1, or 0
 * when none is pending; -1 when frames do not fit one pbuf or the pool is
 * empty (the caller reads through the rx buffer instead). */
static int input_in_place(struct net_if *nif, size_t size)
{
    struct pbuf *p = pbuf_alloc(PBUF_RAW, (u16_t)size, PBUF_POOL);
    size_t len;

    if (p == NULL || p->len != size) {
        if (p != NULL)
            pbuf_free(p);
        return -1;
    }
    if (solo5_net_read(nif->handle, p->payload, size, &len) != SOLO5_R_OK) {
        pbuf_free(p);
        return 0;
    }
    pbuf_realloc(p, (u16_t)len);
    if (nif->nif.input(p, &nif->nif) != ERR_OK) {
        pbuf_free(p);
        nif->rx_dropped++;
    }
    return 1;
}

int net_if_input(struct net_if *nif, int max)
{
    size_t size = nif->info.mtu + SOLO5_NET_HLEN;
    size_t len;
    int n = 0, r;

    while (n < max) {
        r = size <= 0xffff ? input_in_place(nif, size) : -1;
        if (r == 0)
            break;
        if (r < 0) {
            if (solo5_net_read(nif->handle, nif->rx, size, &len) != SOLO5_R_OK)
                break;
            net_if_frame(nif, nif->rx, len);
        }
        n++;
    }
    return n;
}
