/* Kiln network layer: the fd table, socket objects, crt's fd hooks, fcntl. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <sys/stat.h>

#include "net.h"

/* fd -> socket; 0-2 are the console's and stay NULL. */
static struct sock *fd_table[NET_FD_MAX];

struct sock *net_sock_new(int type, const struct sock_ops *ops)
{
    struct sock *s = calloc(1, sizeof(*s));

    if (s != NULL) {
        s->type = type;
        s->ops = ops;
    }
    return s;
}

void net_sock_free(struct sock *s)
{
    if (s->rx != NULL)
        pbuf_free(s->rx);
    while (s->dq_head != NULL) {
        struct sock_dgram *d = s->dq_head;

        s->dq_head = d->next;
        pbuf_free(d->p);
        free(d);
    }
    free(s);
}

int net_fd_alloc(struct sock *s)
{
    for (int fd = 3; fd < NET_FD_MAX; fd++) {
        if (fd_table[fd] == NULL) {
            fd_table[fd] = s;
            return fd;
        }
    }
    return net_fail(EMFILE);
}

struct sock *net_fd_sock(int fd)
{
    if (fd >= 0 && fd <= 2) {
        errno = ENOTSOCK;
        return NULL;
    }
    if (fd < 0 || fd >= NET_FD_MAX || fd_table[fd] == NULL) {
        errno = EBADF;
        return NULL;
    }
    return fd_table[fd];
}

/* The C runtime's read, write, close and fstat on descriptors above 2. */
ssize_t net_fd_read(int fd, void *buf, size_t n)
{
    return recvfrom(fd, buf, n, 0, NULL, NULL);
}

ssize_t net_fd_write(int fd, const void *buf, size_t n)
{
    return sendto(fd, buf, n, 0, NULL, 0);
}

int net_fd_close(int fd)
{
    struct sock *s = net_fd_sock(fd);

    if (s == NULL)
        return -1;
    fd_table[fd] = NULL;
    s->ops->close(s);
    net_sock_free(s);
    return 0;
}

int net_fd_fstat(int fd, struct stat *st)
{
    if (net_fd_sock(fd) == NULL)
        return -1;
    *st = (struct stat){.st_mode = S_IFSOCK | 0777};
    return 0;
}

int fcntl(int fd, int cmd, ...)
{
    struct sock *s = fd >= 0 && fd <= 2 ? NULL : net_fd_sock(fd);
    va_list ap;
    int arg;

    if (s == NULL && (fd < 0 || fd > 2))
        return -1;
    va_start(ap, cmd);
    arg = cmd == F_SETFL || cmd == F_SETFD ? va_arg(ap, int) : 0;
    va_end(ap);
    switch (cmd) {
    case F_GETFL:
        if (s == NULL)
            return fd == 0 ? O_RDONLY : O_WRONLY;
        return O_RDWR | (s->nonblock ? O_NONBLOCK : 0);
    case F_SETFL:
        if (s != NULL)
            s->nonblock = (arg & O_NONBLOCK) != 0;
        return 0;
    case F_GETFD:
        return s != NULL && s->cloexec ? FD_CLOEXEC : 0;
    case F_SETFD:
        if (s != NULL)
            s->cloexec = (arg & FD_CLOEXEC) != 0;
        return 0;
    default:
        return net_fail(EINVAL);
    }
}
