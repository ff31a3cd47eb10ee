/* Kiln network layer: setsockopt and getsockopt. */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "lwip/priv/tcp_priv.h" /* the keepalive defaults */
#include "net.h"

/* The IP-level option bit in lwIP for a SOL_SOCKET flag option, or 0. */
static u8_t pcb_flag(int name)
{
    switch (name) {
    case SO_REUSEADDR:
        return SOF_REUSEADDR;
    case SO_KEEPALIVE:
        return SOF_KEEPALIVE;
    case SO_BROADCAST:
        return SOF_BROADCAST;
    default:
        return 0;
    }
}

/* The so_options of s's pcb (TCP and UDP pcbs share the field), or NULL. */
static u8_t *pcb_options(struct sock *s)
{
    if (s->type == SOCK_STREAM)
        return s->pcb.tcp != NULL ? &s->pcb.tcp->so_options : NULL;
    return s->pcb.udp != NULL ? &s->pcb.udp->so_options : NULL;
}

static int timeval_ns(const void *val, socklen_t len, uint64_t *ns)
{
    const struct timeval *tv = val;

    if (len < sizeof(*tv))
        return net_fail(EINVAL);
    if (tv->tv_usec < 0 || tv->tv_usec >= 1000000)
        return net_fail(EDOM);
    if (tv->tv_sec < 0)
        *ns = 0;
    else
        *ns = (uint64_t)tv->tv_sec * 1000000000ULL +
              (uint64_t)tv->tv_usec * 1000ULL;
    return 0;
}

static int set_socket(struct sock *s, int name, const void *val, socklen_t len)
{
    u8_t flag = pcb_flag(name), *opts = pcb_options(s);
    const struct linger *lg = val;

    switch (name) {
    case SO_RCVTIMEO:
        return timeval_ns(val, len, &s->rcvtimeo_ns);
    case SO_SNDTIMEO:
        return timeval_ns(val, len, &s->sndtimeo_ns);
    case SO_LINGER:
        if (len < sizeof(*lg))
            return net_fail(EINVAL);
        s->linger0 = lg->l_onoff && lg->l_linger == 0;
        return 0;
    }
    if (len < sizeof(int))
        return net_fail(EINVAL);
    if (flag == 0 && name != SO_SNDBUF && name != SO_RCVBUF)
        return net_fail(ENOPROTOOPT);
    if (flag != 0 && opts != NULL) {
        if (*(const int *)val)
            *opts |= flag;
        else
            *opts &= (u8_t)~flag;
    }
    return 0; /* buffer sizes are lwIP's, fixed at build time */
}

static int set_tcp(struct sock *s, int name, const void *val, socklen_t len)
{
    struct tcp_pcb *pcb = s->state == SOCK_LISTEN ? NULL : s->pcb.tcp;
    int v;

    if (s->type != SOCK_STREAM)
        return net_fail(EOPNOTSUPP);
    if (len < sizeof(int))
        return net_fail(EINVAL);
    v = *(const int *)val;
    switch (name) {
    case TCP_NODELAY:
        s->nodelay = v != 0;
        if (pcb != NULL && v)
            tcp_nagle_disable(pcb);
        else if (pcb != NULL)
            tcp_nagle_enable(pcb);
        return 0;
    case TCP_KEEPIDLE:
    case TCP_KEEPINTVL:
    case TCP_KEEPCNT:
        if (v < 1)
            return net_fail(EINVAL);
        if (pcb == NULL)
            return 0;
        if (name == TCP_KEEPIDLE)
            pcb->keep_idle = (u32_t)v * 1000;
        else if (name == TCP_KEEPINTVL)
            pcb->keep_intvl = (u32_t)v * 1000;
        else
            pcb->keep_cnt = (u32_t)v;
        return 0;
    default:
        return net_fail(ENOPROTOOPT);
    }
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
    struct sock *s = net_fd_sock(fd);

    if (s == NULL)
        return -1;
    if (val == NULL)
        return net_fail(EFAULT);
    if (level == SOL_SOCKET)
        return set_socket(s, name, val, len);
    if (level == IPPROTO_TCP)
        return set_tcp(s, name, val, len);
    return net_fail(ENOPROTOOPT);
}

/* Copies an int option out as getsockopt does (truncated to *len). */
static int put_int(void *val, socklen_t *len, int v)
{
    socklen_t n = *len < sizeof(v) ? *len : sizeof(v);

    memcpy(val, &v, n);
    *len = n;
    return 0;
}

static int put_timeval(void *val, socklen_t *len, uint64_t ns)
{
    struct timeval tv = {.tv_sec = (time_t)(ns / 1000000000ULL),
                         .tv_usec = (suseconds_t)(ns % 1000000000ULL / 1000)};

    if (*len < sizeof(tv))
        return net_fail(EINVAL);
    memcpy(val, &tv, sizeof(tv));
    *len = sizeof(tv);
    return 0;
}

static int get_socket(struct sock *s, int name, void *val, socklen_t *len)
{
    u8_t flag = pcb_flag(name), *opts = pcb_options(s);
    struct linger lg = {s->linger0, 0};

    switch (name) {
    case SO_ERROR:
        return put_int(val, len, net_take_err(s));
    case SO_TYPE:
        return put_int(val, len, s->type);
    case SO_ACCEPTCONN:
        return put_int(val, len, s->state == SOCK_LISTEN);
    case SO_SNDBUF:
        return put_int(val, len, TCP_SND_BUF);
    case SO_RCVBUF:
        return put_int(val, len, TCP_WND);
    case SO_RCVTIMEO:
        return put_timeval(val, len, s->rcvtimeo_ns);
    case SO_SNDTIMEO:
        return put_timeval(val, len, s->sndtimeo_ns);
    case SO_LINGER:
        if (*len < sizeof(lg))
            return net_fail(EINVAL);
        memcpy(val, &lg, sizeof(lg));
        *len = sizeof(lg);
        return 0;
    }
    if (flag == 0)
        return net_fail(ENOPROTOOPT);
    return put_int(val, len, opts != NULL && (*opts & flag) != 0);
}

static int get_tcp(struct sock *s, int name, void *val, socklen_t *len)
{
    struct tcp_pcb *pcb = s->state == SOCK_LISTEN ? NULL : s->pcb.tcp;

    if (s->type != SOCK_STREAM)
        return net_fail(EOPNOTSUPP);
    switch (name) {
    case TCP_NODELAY:
        return put_int(val, len, s->nodelay);
    case TCP_MAXSEG:
        return put_int(val, len, pcb != NULL ? tcp_mss(pcb) : TCP_MSS);
    case TCP_KEEPIDLE:
        return put_int(val, len,
                       (int)(pcb ? pcb->keep_idle : TCP_KEEPIDLE_DEFAULT) /
                           1000);
    case TCP_KEEPINTVL:
        return put_int(val, len,
                       (int)(pcb ? pcb->keep_intvl : TCP_KEEPINTVL_DEFAULT) /
                           1000);
    case TCP_KEEPCNT:
        return put_int(val, len,
                       (int)(pcb ? pcb->keep_cnt : TCP_KEEPCNT_DEFAULT));
    default:
        return net_fail(ENOPROTOOPT);
    }
}

int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
    struct sock *s = net_fd_sock(fd);

    if (s == NULL)
        return -1;
    if (val == NULL || len == NULL)
        return net_fail(EFAULT);
    if (level == SOL_SOCKET)
        return get_socket(s, name, val, len);
    if (level == IPPROTO_TCP)
        return get_tcp(s, name, val, len);
    return net_fail(ENOPROTOOPT);
}
