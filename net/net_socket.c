/* Kiln network layer: the BSD socket calls, from socket() to getpeername(). */
#include <errno.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

#include "net.h"

/* The IPv4 address and port in addr; -1 with errno when it is none. */
static int addr_in(const struct sockaddr *addr, socklen_t len, ip_addr_t *ip,
                   uint16_t *port)
{
    const struct sockaddr_in *in = (const struct sockaddr_in *)addr;

    if (addr == NULL || len < sizeof(*in))
        return net_fail(EINVAL);
    if (in->sin_family != AF_INET)
        return net_fail(EAFNOSUPPORT);
    ip_addr_set_ip4_u32(ip, in->sin_addr.s_addr);
    *port = ntohs(in->sin_port);
    return 0;
}

/* Writes ip:port to addr as far as *len allows; *len becomes its full size. */
static void addr_out(const ip_addr_t *ip, uint16_t port, struct sockaddr *addr,
                     socklen_t *len)
{
    struct sockaddr_in in = {.sin_family = AF_INET};

    if (addr == NULL || len == NULL)
        return;
    in.sin_port = htons(port);
    in.sin_addr.s_addr = ip_addr_get_ip4_u32(ip);
    memcpy(addr, &in, *len < sizeof(in) ? *len : sizeof(in));
    *len = sizeof(in);
}

int socket(int domain, int type, int protocol)
{
    int base = type & ~(SOCK_NONBLOCK | SOCK_CLOEXEC);
    const struct sock_ops *ops;
    struct sock *s;
    int fd;

    if (domain != AF_INET)
        return net_fail(EAFNOSUPPORT);
    if (base == SOCK_STREAM && (protocol == 0 || protocol == IPPROTO_TCP))
        ops = &net_tcp_ops;
    else if (base == SOCK_DGRAM && (protocol == 0 || protocol == IPPROTO_UDP))
        ops = &net_udp_ops;
    else if (base == SOCK_STREAM || base == SOCK_DGRAM)
        return net_fail(EPROTONOSUPPORT);
    else
        return net_fail(EINVAL);
    if ((s = net_sock_new(base, ops)) == NULL)
        return net_fail(ENOMEM);
    s->nonblock = (type & SOCK_NONBLOCK) != 0;
    s->cloexec = (type & SOCK_CLOEXEC) != 0;
    if (ops->open(s) < 0) {
        net_sock_free(s);
        return -1;
    }
    if ((fd = net_fd_alloc(s)) < 0) {
        ops->close(s);
        net_sock_free(s);
        return net_fail(EMFILE);
    }
    return fd;
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
    struct sock *s = net_fd_sock(fd);
    ip_addr_t ip;
    uint16_t port = 0; /* addr_in sets it; gcc cannot see net_fail's -1 */

    if (s == NULL || addr_in(addr, len, &ip, &port) < 0)
        return -1;
    return s->ops->bind(s, &ip, port);
}

int listen(int fd, int backlog)
{
    struct sock *s = net_fd_sock(fd);

    if (s == NULL)
        return -1;
    if (s->ops->listen == NULL)
        return net_fail(EOPNOTSUPP);
    return s->ops->listen(s, backlog);
}

int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
    struct sock *s = net_fd_sock(fd), *c;
    ip_addr_t ip;
    uint16_t port = 0;
    int cfd;

    if (s == NULL)
        return -1;
    if (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))
        return net_fail(EINVAL);
    if (s->ops->accept == NULL)
        return net_fail(EOPNOTSUPP);
    if ((c = s->ops->accept(s)) == NULL)
        return -1;
    if ((cfd = net_fd_alloc(c)) < 0) {
        /* Back at the head of the queue, for a later accept. */
        c->acq_next = s->acq_head;
        s->acq_head = c;
        if (s->acq_tail == NULL)
            s->acq_tail = c;
        s->acq_len++;
        return -1;
    }
    c->nonblock = (flags & SOCK_NONBLOCK) != 0;
    c->cloexec = (flags & SOCK_CLOEXEC) != 0;
    ip_addr_set_zero(&ip);
    c->ops->name(c, 1, &ip, &port);
    addr_out(&ip, port, addr, len);
    return cfd;
}

int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
    return accept4(fd, addr, len, 0);
}

int connect(int fd, const struct sockaddr *addr, socklen_t len)
{
    struct sock *s = net_fd_sock(fd);
    ip_addr_t ip;
    uint16_t port = 0; /* addr_in sets it; gcc cannot see net_fail's -1 */

    if (s == NULL)
        return -1;
    if (addr != NULL && len >= sizeof(sa_family_t) &&
        addr->sa_family == AF_UNSPEC && s->type == SOCK_DGRAM)
        return s->ops->connect(s, NULL, 0);
    if (addr_in(addr, len, &ip, &port) < 0)
        return -1;
    return s->ops->connect(s, &ip, port);
}

ssize_t sendto(int fd, const void *buf, size_t n, int flags,
               const struct sockaddr *to, socklen_t tolen)
{
    struct sock *s = net_fd_sock(fd);
    ip_addr_t ip;
    uint16_t port = 0;

    if (s == NULL)
        return -1;
    if (to != NULL && s->type == SOCK_DGRAM) {
        if (addr_in(to, tolen, &ip, &port) < 0)
            return -1;
        return s->ops->send(s, buf, n, flags, &ip, port);
    }
    return s->ops->send(s, buf, n, flags, NULL, 0);
}

ssize_t send(int fd, const void *buf, size_t n, int flags)
{
    return sendto(fd, buf, n, flags, NULL, 0);
}

ssize_t recvfrom(int fd, void *buf, size_t n, int flags, struct sockaddr *from,
                 socklen_t *fromlen)
{
    struct sock *s = net_fd_sock(fd);
    ip_addr_t ip;
    uint16_t port = 0;
    ssize_t r;

    if (s == NULL)
        return -1;
    ip_addr_set_zero(&ip);
    r = s->ops->recv(s, buf, n, flags, &ip, &port);
    if (r >= 0 && from != NULL) {
        if (s->type == SOCK_STREAM)
            s->ops->name(s, 1, &ip, &port);
        addr_out(&ip, port, from, fromlen);
    }
    return r;
}

ssize_t recv(int fd, void *buf, size_t n, int flags)
{
    return recvfrom(fd, buf, n, flags, NULL, NULL);
}

int shutdown(int fd, int how)
{
    struct sock *s = net_fd_sock(fd);

    if (s == NULL)
        return -1;
    if (how != SHUT_RD && how != SHUT_WR && how != SHUT_RDWR)
        return net_fail(EINVAL);
    return s->ops->shutdown(s, how);
}

/* getsockname (peer 0) and getpeername (peer 1). */
static int sock_name(int fd, int peer, struct sockaddr *addr, socklen_t *len)
{
    struct sock *s = net_fd_sock(fd);
    ip_addr_t ip;
    uint16_t port = 0;

    if (s == NULL)
        return -1;
    if (addr == NULL || len == NULL)
        return net_fail(EFAULT);
    ip_addr_set_zero(&ip);
    if (s->ops->name(s, peer, &ip, &port) < 0)
        return -1;
    addr_out(&ip, port, addr, len);
    return 0;
}

int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
    return sock_name(fd, 0, addr, len);
}

int getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
    return sock_name(fd, 1, addr, len);
}
