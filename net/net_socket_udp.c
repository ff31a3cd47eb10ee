/* Kiln network layer: datagram sockets over lwIP's raw UDP API. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "net.h"

/* The largest UDP payload over IPv4. */
#define UDP_MAX_PAYLOAD 65507

/* Queues a datagram; drops it when the queue is full or memory short. */
static void on_recv(void *arg, struct udp_pcb *pcb, struct pbuf *p,
                    const ip_addr_t *addr, u16_t port)
{
    struct sock *s = arg;
    struct sock_dgram *d;

    (void)pcb;
    if (s->shut_rd || s->dq_len >= NET_UDP_QUEUE ||
        (d = malloc(sizeof(*d))) == NULL) {
        pbuf_free(p);
        return;
    }
    *d = (struct sock_dgram){.p = p, .port = port};
    ip_addr_copy(d->addr, *addr);
    if (s->dq_tail != NULL)
        s->dq_tail->next = d;
    else
        s->dq_head = d;
    s->dq_tail = d;
    s->dq_len++;
}

static int udp_open(struct sock *s)
{
    struct udp_pcb *pcb = udp_new();

    if (pcb == NULL)
        return net_fail(ENOMEM);
    s->pcb.udp = pcb;
    udp_recv(pcb, on_recv, s);
    return 0;
}

static int udp_bind_(struct sock *s, const ip_addr_t *ip, uint16_t port)
{
    err_t e;

    if (s->pcb.udp->local_port != 0)
        return net_fail(EINVAL);
    e = udp_bind(s->pcb.udp, ip, port);
    return e == ERR_OK ? 0 : net_fail(net_errno(e));
}

/* connect(AF_UNSPEC) comes with ip NULL: forget the peer. */
static int udp_connect_(struct sock *s, const ip_addr_t *ip, uint16_t port)
{
    err_t e;

    if (ip == NULL) {
        udp_disconnect(s->pcb.udp);
        s->state = SOCK_NEW;
        return 0;
    }
    e = udp_connect(s->pcb.udp, ip, port);
    if (e != ERR_OK)
        return net_fail(net_errno(e));
    s->state = SOCK_CONNECTED;
    return 0;
}

static ssize_t udp_send_(struct sock *s, const void *buf, size_t n, int flags,
                         const ip_addr_t *ip, uint16_t port)
{
    struct pbuf *p;
    err_t e;

    (void)flags;
    if (s->shut_wr)
        return net_fail(EPIPE);
    if (ip == NULL && s->state != SOCK_CONNECTED)
        return net_fail(EDESTADDRREQ);
    if (n > UDP_MAX_PAYLOAD)
        return net_fail(EMSGSIZE);
    p = pbuf_alloc(PBUF_TRANSPORT, (u16_t)n, PBUF_RAM);
    if (p == NULL)
        return net_fail(ENOMEM);
    pbuf_take(p, buf, (u16_t)n);
    e = ip != NULL ? udp_sendto(s->pcb.udp, p, ip, port)
                   : udp_send(s->pcb.udp, p);
    pbuf_free(p);
    return e == ERR_OK ? (ssize_t)n : net_fail(net_errno(e));
}

static int readable(struct sock *s)
{
    return s->dq_head != NULL || s->shut_rd;
}

static ssize_t udp_recv_(struct sock *s, void *buf, size_t n, int flags,
                         ip_addr_t *ip, uint16_t *port)
{
    struct sock_dgram *d;
    size_t len, got;

    if (net_wait(s, readable, s->nonblock || (flags & MSG_DONTWAIT),
                 s->rcvtimeo_ns) < 0)
        return -1;
    if ((d = s->dq_head) == NULL)
        return 0; /* shut down for reading */
    len = d->p->tot_len;
    got = n < len ? n : len;
    pbuf_copy_partial(d->p, buf, (u16_t)got, 0);
    ip_addr_copy(*ip, d->addr);
    *port = d->port;
    if (!(flags & MSG_PEEK)) {
        s->dq_head = d->next;
        if (s->dq_head == NULL)
            s->dq_tail = NULL;
        s->dq_len--;
        pbuf_free(d->p);
        free(d);
    }
    return (ssize_t)(flags & MSG_TRUNC ? len : got);
}

static int udp_shutdown_(struct sock *s, int how)
{
    if (s->state != SOCK_CONNECTED)
        return net_fail(ENOTCONN);
    if (how != SHUT_WR)
        s->shut_rd = 1;
    if (how != SHUT_RD)
        s->shut_wr = 1;
    return 0;
}

static void udp_close_(struct sock *s)
{
    udp_remove(s->pcb.udp);
    s->pcb.udp = NULL;
}

static short udp_events(struct sock *s)
{
    short ev = s->shut_wr ? 0 : POLLOUT | POLLWRNORM;

    if (readable(s))
        ev |= POLLIN | POLLRDNORM;
    return ev;
}

static int udp_name(struct sock *s, int peer, ip_addr_t *ip, uint16_t *port)
{
    struct udp_pcb *pcb = s->pcb.udp;

    if (peer && s->state != SOCK_CONNECTED)
        return net_fail(ENOTCONN);
    ip_addr_copy(*ip, peer ? pcb->remote_ip : pcb->local_ip);
    *port = peer ? pcb->remote_port : pcb->local_port;
    return 0;
}

const struct sock_ops net_udp_ops = {
    .open = udp_open,
    .bind = udp_bind_,
    .connect = udp_connect_,
    .send = udp_send_,
    .recv = udp_recv_,
    .shutdown = udp_shutdown_,
    .close = udp_close_,
    .events = udp_events,
    .name = udp_name,
};
