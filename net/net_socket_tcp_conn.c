/* Kiln network layer: TCP listen, accept and connect. */
#include <errno.h>

#include "net.h"

static err_t on_connected(void *arg, struct tcp_pcb *pcb, err_t err)
{
    struct sock *s = arg;

    (void)pcb;
    (void)err;
    s->state = SOCK_CONNECTED;
    return ERR_OK;
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
    net_tcp_attach(c, pcb);
    if (l->acq_tail != NULL)
        l->acq_tail->acq_next = c;
    else
        l->acq_head = c;
    l->acq_tail = c;
    l->acq_len++;
    return ERR_OK;
}

int net_tcp_listen(struct sock *s, int backlog)
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

int net_tcp_can_accept(struct sock *s)
{
    return s->acq_head != NULL;
}

struct sock *net_tcp_accept(struct sock *s)
{
    struct sock *c;

    if (s->state != SOCK_LISTEN) {
        errno = EINVAL;
        return NULL;
    }
    if (net_wait(s, net_tcp_can_accept, s->nonblock, s->rcvtimeo_ns) < 0)
        return NULL;
    c = s->acq_head;
    s->acq_head = c->acq_next;
    if (s->acq_head == NULL)
        s->acq_tail = NULL;
    c->acq_next = NULL;
    s->acq_len--;
    return c;
}

int net_tcp_not_connecting(struct sock *s)
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

int net_tcp_connect(struct sock *s, const ip_addr_t *ip, uint16_t port)
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
    if (net_wait(s, net_tcp_not_connecting, 0, s->sndtimeo_ns) < 0)
        return net_fail(EINPROGRESS);
    return connect_result(s);
}
