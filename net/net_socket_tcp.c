/* Kiln network layer: stream sockets over lwIP's raw TCP API. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "net.h"

/* Unread bytes sit in one pbuf chain whose lengths are 16 bits: the window
 * bounds them. */
_Static_assert(TCP_WND <= 0xffff, "a receive window fits a pbuf chain");

/* How long a send waits for lwIP memory before it tries again. */
#define SEND_RETRY_NS 10000000ULL

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

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
    struct sock *s = arg;

    (void)pcb;
    (void)err;
    s->state = SOCK_CONNECTED;
    return ERR_OK;
}

/* s's callbacks on its pcb. */
static void attach(struct sock *s, struct tcp_pcb *pcb)
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

static err_t on_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
    struct sock *l = arg, *c;

    if (err != ERR_OK || pcb == NULL)
        return ERR_VAL;
    if (l->acq_len >= l->backlog ||
        (c = net_sock_new(SOCK_STREAM, &net_tcp_ops)) == NULL) {
        tcp_abort(pcb);
        return ERR_ABRT;
    }
    c->state = SOCK_CONNECTED;
    c->nodelay = l->nodelay;
    c->linger0 = l->linger0;
    attach(c, pcb);
    if (l->acq_tail != NULL)
        l->acq_tail->acq_next = c;
    else
        l->acq_head = c;
    l->acq_tail = c;
    l->acq_len++;
    return ERR_OK;
}

static int tcp_open(struct sock *s)
{
    struct tcp_pcb *pcb = tcp_new();

    if (pcb == NULL)
        return net_fail(ENOMEM);
    attach(s, pcb);
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

static int tcp_listen_(struct sock *s, int backlog)
{
    struct tcp_pcb *l;
    err_t e;

    backlog = backlog < 1 ? 1 : backlog > 255 ? 255 : backlog;
    if (s->state == SOCK_LISTEN) {
        s->backlog = backlog;
        return 0;
    }
    if (s->state != SOCK_NEW || s->pcb.tcp == NULL)
        return net_fail(EINVAL);
    if (s->pcb.tcp->local_port == 0 &&
        (e = tcp_bind(s->pcb.tcp, IP_ADDR_ANY, 0)) != ERR_OK)
        return net_fail(net_errno(e));
    l = tcp_listen_with_backlog_and_err(s->pcb.tcp, (u8_t)backlog, &e);
    if (l == NULL)
        return net_fail(net_errno(e));
    s->pcb.tcp = l; /* lwIP freed the unbound pcb */
    s->state = SOCK_LISTEN;
    s->backlog = backlog;
    tcp_arg(l, s);
    tcp_accept(l, on_accept);
    return 0;
}

static int can_accept(struct sock *s)
{
    return s->acq_head != NULL;
}

static struct sock *tcp_accept_(struct sock *s)
{
    struct sock *c;

    if (s->state != SOCK_LISTEN) {
        errno = EINVAL;
        return NULL;
    }
    if (net_wait(s, can_accept, s->nonblock, s->rcvtimeo_ns) < 0)
        return NULL;
    c = s->acq_head;
    s->acq_head = c->acq_next;
    if (s->acq_head == NULL)
        s->acq_tail = NULL;
    c->acq_next = NULL;
    s->acq_len--;
    return c;
}

static int not_connecting(struct sock *s)
{
    return s->state != SOCK_CONNECTING || s->pcb.tcp == NULL;
}

/* 0 once connected, else -1 with the reason (EINPROGRESS while it goes on). */
static int connect_result(struct sock *s)
{
    if (s->state == SOCK_CONNECTED && s->pcb.tcp != NULL)
        return 0;
    if (s->pcb.tcp == NULL) {
        s->state = SOCK_NEW;
        return net_fail(net_take_err(s) ?: ECONNREFUSED);
    }
    return net_fail(EINPROGRESS);
}

static int tcp_connect_(struct sock *s, const ip_addr_t *ip, uint16_t port)
{
    err_t e;

    if (s->state == SOCK_CONNECTED)
        return net_fail(EISCONN);
    if (s->state == SOCK_LISTEN || s->pcb.tcp == NULL)
        return net_fail(s->pcb.tcp == NULL ? EBADF : EISCONN);
    if (s->state == SOCK_CONNECTING) {
        if (s->nonblock)
            return net_fail(EALREADY);
    } else {
        e = tcp_connect(s->pcb.tcp, ip, port, on_connected);
        if (e != ERR_OK)
            return net_fail(net_errno(e));
        s->state = SOCK_CONNECTING;
        if (s->nonblock)
            return net_fail(EINPROGRESS);
    }
    if (net_wait(s, not_connecting, 0, s->sndtimeo_ns) < 0)
        return net_fail(EINPROGRESS);
    return connect_result(s);
}

/* Bytes lwIP takes now (0: its buffer or segment queue is full). */
static size_t send_room(struct sock *s)
{
    struct tcp_pcb *pcb = s->pcb.tcp;

    if (pcb == NULL || tcp_sndqueuelen(pcb) >= TCP_SND_QUEUELEN - 1)
        return 0;
    return tcp_sndbuf(pcb);
}

static int writable(struct sock *s)
{
    return s->pcb.tcp == NULL || s->state != SOCK_CONNECTED || send_room(s) > 0;
}

/* Why a stream cannot send now; -1 with errno, or 0 when it can. */
static int send_error(struct sock *s)
{
    if (s->pcb.tcp == NULL) {
        int e = net_take_err(s);

        return net_fail(e != 0 && e != ETIMEDOUT ? e : EPIPE);
    }
    if (s->state != SOCK_CONNECTED)
        return net_fail(ENOTCONN);
    if (s->shut_wr)
        return net_fail(EPIPE);
    return 0;
}

static ssize_t tcp_send_(struct sock *s, const void *buf, size_t n, int flags,
                         const ip_addr_t *ip, uint16_t port)
{
    int nonblock = s->nonblock || (flags & MSG_DONTWAIT);
    size_t done = 0;

    (void)ip;
    (void)port;
    if (s->state == SOCK_CONNECTING &&
        net_wait(s, not_connecting, nonblock, s->sndtimeo_ns) < 0)
        return -1;
    if (send_error(s) < 0)
        return -1;
    while (done < n) {
        size_t chunk = send_room(s);
        err_t e;

        if (chunk > n - done)
            chunk = n - done;
        if (chunk > 0xffff)
            chunk = 0xffff;
        e = chunk > 0 ? tcp_write(s->pcb.tcp, (const char *)buf + done,
                                  (u16_t)chunk, TCP_WRITE_FLAG_COPY)
                      : ERR_MEM;
        if (e == ERR_OK) {
            done += chunk;
            continue;
        }
        if (e != ERR_MEM)
            return done > 0 ? (ssize_t)done : net_fail(net_errno(e));
        tcp_output(s->pcb.tcp);
        if (nonblock && done > 0)
            break;
        if (nonblock && chunk > 0)
            return net_fail(EAGAIN); /* room, but lwIP is out of memory */
        if (chunk > 0) /* room, but no memory: let acknowledgements free some */
            net_run_for(SEND_RETRY_NS);
        else if (net_wait(s, writable, nonblock, s->sndtimeo_ns) < 0)
            return done > 0 ? (ssize_t)done : -1;
        if (send_error(s) < 0)
            return done > 0 ? (ssize_t)done : -1;
    }
    if (s->pcb.tcp != NULL)
        tcp_output(s->pcb.tcp);
    return (ssize_t)done;
}

static int readable(struct sock *s)
{
    return s->rx != NULL || s->rx_eof || s->shut_rd || s->pcb.tcp == NULL ||
           s->state != SOCK_CONNECTED;
}

/* Takes up to n received bytes into buf (leaves them with MSG_PEEK). */
static size_t take(struct sock *s, void *buf, size_t n, int flags)
{
    size_t got;

    if (s->rx == NULL)
        return 0;
    got = n < s->rx->tot_len ? n : s->rx->tot_len;
    pbuf_copy_partial(s->rx, buf, (u16_t)got, 0);
    if (!(flags & MSG_PEEK)) {
        s->rx = pbuf_free_header(s->rx, (u16_t)got);
        if (s->pcb.tcp != NULL)
            tcp_recved(s->pcb.tcp, (u16_t)got);
    }
    return got;
}

static ssize_t tcp_recv_(struct sock *s, void *buf, size_t n, int flags,
                         ip_addr_t *ip, uint16_t *port)
{
    int nonblock = s->nonblock || (flags & MSG_DONTWAIT);
    size_t done = 0;

    (void)ip;
    (void)port;
    if (s->state == SOCK_NEW || s->state == SOCK_LISTEN)
        return net_fail(ENOTCONN);
    if (n == 0)
        return 0;
    while (done < n) {
        size_t got;

        if (net_wait(s, readable, nonblock, s->rcvtimeo_ns) < 0)
            return done > 0 ? (ssize_t)done : -1;
        got = take(s, (char *)buf + done, n - done, flags);
        done += got;
        if (got == 0 && s->pcb.tcp == NULL && !s->rx_eof && s->err != 0)
            return done > 0 ? (ssize_t)done : net_fail(net_take_err(s));
        if (got == 0 || !(flags & MSG_WAITALL) || (flags & MSG_PEEK))
            break;
    }
    return (ssize_t)done;
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
        return can_accept(s) ? POLLIN | POLLRDNORM : 0;
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
    if (s->pcb.tcp == NULL || (!s->shut_wr && send_room(s) > 0))
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
    .listen = tcp_listen_,
    .accept = tcp_accept_,
    .connect = tcp_connect_,
    .send = tcp_send_,
    .recv = tcp_recv_,
    .shutdown = tcp_shutdown_,
    .close = tcp_close_,
    .events = tcp_events,
    .name = tcp_name,
};
