/* Kiln network layer: TCP's data path, send and recv. */
#include <errno.h>
#include <sys/socket.h>

#include "net.h"

/* How long a send waits for lwIP memory before it tries again. */
#define SEND_RETRY_NS 10000000ULL

/* Bytes lwIP takes now (0: its buffer or segment queue is full). */
size_t net_tcp_send_room(struct sock *s)
{
    struct tcp_pcb *pcb = s->pcb.tcp;

    if (pcb == NULL || tcp_sndqueuelen(pcb) >= TCP_SND_QUEUELEN - 1)
        return 0;
    return tcp_sndbuf(pcb);
}

static int writable(struct sock *s)
{
    return s->pcb.tcp == NULL || s->state != SOCK_CONNECTED ||
           net_tcp_send_room(s) > 0;
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

ssize_t net_tcp_send(struct sock *s, const void *buf, size_t n, int flags,
                     const ip_addr_t *ip, uint16_t port)
{
    int nonblock = s->nonblock || (flags & MSG_DONTWAIT);
    size_t done = 0;

    (void)ip;
    (void)port;
    if (s->state == SOCK_CONNECTING &&
        net_wait(s, net_tcp_not_connecting, nonblock, s->sndtimeo_ns) < 0)
        return -1;
    if (send_error(s) < 0)
        return -1;
    while (done < n) {
        size_t chunk = net_tcp_send_room(s);
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

ssize_t net_tcp_recv(struct sock *s, void *buf, size_t n, int flags,
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
