/* Kiln network layer: TCP sockets' pcb, callbacks, shutdown, close, ops. */
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>

#include "net.h"

/* Unread bytes sit in one pbuf chain whose lengths are 16 bits: the window
 * bounds them. */
_Static_assert(TCP_WND <= 0xffff, "a receive window fits a pbuf chain");

static err_t on_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p, err_t err)
{
    struct sock *s = arg;

    (void)err;
    if (p == NULL) {
        s->rx_eof = 1;
        return ERR_OK;
    }
    if (s->shut_rd) {
        tcp_recved(pcb, p->tot_len);
        pbuf_free(p);
    } else if (s->rx != NULL) {
        pbuf_cat(s->rx, p);
    } else {
        s->rx = p;
    }
    net_defer_ack(pcb);
    return ERR_OK;
}

/* The pcb is gone: lwIP freed it after a reset or its own timeout. */
static void on_err(void *arg, err_t err)
{
    struct sock *s = arg;

    s->pcb.tcp = NULL;
    if (s->state == SOCK_CONNECTING)
        s->err = err == ERR_RST ? ECONNREFUSED : ETIMEDOUT;
    else
        s->err = err == ERR_ABRT ? ETIMEDOUT : net_errno(err);
}

/* s's callbacks on its pcb. */
void net_tcp_attach(struct sock *s, struct tcp_pcb *pcb)
{
    s->pcb.tcp = pcb;
    tcp_arg(pcb, s);
    tcp_recv(pcb, on_recv);
    tcp_err(pcb, on_err);
    if (s->nodelay)
        tcp_nagle_disable(pcb);
}

/* Takes s's callbacks off its pcb, which lwIP then owns (or we abort). */
static struct tcp_pcb *detach(struct sock *s)
{
    struct tcp_pcb *pcb = s->pcb.tcp;

    s->pcb.tcp = NULL;
    if (pcb != NULL && s->state != SOCK_LISTEN) {
        tcp_arg(pcb, NULL);
        tcp_recv(pcb, NULL);
        tcp_err(pcb, NULL);
    }
    return pcb;
}

static int tcp_open(struct sock *s)
{
    struct tcp_pcb *pcb = tcp_new();

    if (pcb == NULL)
        return net_fail(ENOMEM);
    net_tcp_attach(s, pcb);
    return 0;
}

static int tcp_bind_(struct sock *s, const ip_addr_t *ip, uint16_t port)
{
    err_t e;

    if (s->pcb.tcp == NULL || s->state != SOCK_NEW ||
        s->pcb.tcp->local_port != 0)
        return net_fail(EINVAL);
    e = tcp_bind(s->pcb.tcp, ip, port);
    return e == ERR_OK ? 0 : net_fail(net_errno(e));
}

/* Discards what was received and not read, reopening the window. */
static void drop_rx(struct sock *s)
{
    if (s->rx == NULL)
        return;
    if (s->pcb.tcp != NULL)
        tcp_recved(s->pcb.tcp, s->rx->tot_len);
    pbuf_free(s->rx);
    s->rx = NULL;
}

static int tcp_shutdown_(struct sock *s, int how)
{
    if (s->state != SOCK_CONNECTED)
        return net_fail(ENOTCONN);
    if (how != SHUT_WR && !s->shut_rd) {
        s->shut_rd = 1;
        drop_rx(s);
    }
    if (how != SHUT_RD && !s->shut_wr && s->pcb.tcp != NULL) {
        err_t e = tcp_shutdown(s->pcb.tcp, 0, 1);

        if (e != ERR_OK)
            return net_fail(net_errno(e));
        s->shut_wr = 1;
    }
    return 0;
}

/* Connections queued on a listener and never accepted are reset. */
static void close_listener(struct sock *s)
{
    struct tcp_pcb *l = s->pcb.tcp;

    while (s->acq_head != NULL) {
        struct sock *c = s->acq_head;
        struct tcp_pcb *pcb = detach(c);

        s->acq_head = c->acq_next;
        if (pcb != NULL)
            tcp_abort(pcb);
        net_sock_free(c);
    }
    s->acq_tail = NULL;
    s->acq_len = 0;
    s->pcb.tcp = NULL;
    if (l != NULL) {
        tcp_accept(l, NULL);
        tcp_close(l);
    }
}

/* Unread data or SO_LINGER 0 resets the connection, as Linux does; else
 * lwIP sends what is queued, then FIN, on its own. */
static void tcp_close_(struct sock *s)
{
    struct tcp_pcb *pcb;

    if (s->state == SOCK_LISTEN) {
        close_listener(s);
        return;
    }
    pcb = detach(s);
    if (pcb == NULL)
        return;
    if (s->rx != NULL || s->linger0 || tcp_close(pcb) != ERR_OK)
        tcp_abort(pcb);
}

static short tcp_events(struct sock *s)
{
    short ev = 0;

    if (s->state == SOCK_LISTEN)
        return net_tcp_can_accept(s) ? POLLIN | POLLRDNORM : 0;
    if (s->err != 0)
        ev |= POLLERR;
    if (s->state == SOCK_NEW)
        return ev | POLLOUT | POLLHUP;
    if (s->state == SOCK_CONNECTING && s->pcb.tcp != NULL)
        return ev;
    if (s->rx != NULL || s->rx_eof || s->shut_rd || s->pcb.tcp == NULL)
        ev |= POLLIN | POLLRDNORM;
    if (s->rx_eof)
        ev |= POLLRDHUP;
    if (s->pcb.tcp == NULL || (s->rx_eof && s->shut_wr))
        ev |= POLLHUP;
    if (s->pcb.tcp == NULL || (!s->shut_wr && net_tcp_send_room(s) > 0))
        ev |= POLLOUT | POLLWRNORM;
    return ev;
}

static int tcp_name(struct sock *s, int peer, ip_addr_t *ip, uint16_t *port)
{
    struct tcp_pcb *pcb = s->pcb.tcp;

    if (peer && s->state != SOCK_CONNECTED)
        return net_fail(ENOTCONN);
    if (pcb == NULL)
        return peer ? net_fail(ENOTCONN) : 0;
    ip_addr_copy(*ip, peer ? pcb->remote_ip : pcb->local_ip);
    *port = peer ? pcb->remote_port : pcb->local_port;
    return 0;
}

const struct sock_ops net_tcp_ops = {
    .open = tcp_open,
    .bind = tcp_bind_,
    .listen = net_tcp_listen,
    .accept = net_tcp_accept,
    .connect = net_tcp_connect,
    .send = net_tcp_send,
    .recv = net_tcp_recv,
    .shutdown = tcp_shutdown_,
    .close = tcp_close_,
    .events = tcp_events,
    .name = tcp_name,
};
