/* Kiln network layer: poll and select over sockets and the console. */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/select.h>

#include "net.h"

/* The console is always ready: stdin at end of file, output written at once. */
static short console_events(int fd)
{
    return fd == 0 ? POLLIN | POLLRDNORM : POLLOUT | POLLWRNORM;
}

/* Fills every revents; returns how many are non-zero. */
static int scan(struct pollfd *fds, nfds_t n)
{
    int ready = 0;

    for (nfds_t i = 0; i < n; i++) {
        int fd = fds[i].fd;
        short ev;

        if (fd < 0) {
            fds[i].revents = 0;
            continue;
        }
        if (fd <= 2) {
            ev = console_events(fd);
        } else {
            struct sock *s = net_fd_sock(fd);

            ev = s == NULL ? POLLNVAL : s->ops->events(s);
        }
        fds[i].revents =
            (short)(ev & (fds[i].events | POLLERR | POLLHUP | POLLNVAL));
        ready += fds[i].revents != 0;
    }
    return ready;
}

/* Runs the stack until one of fds is ready or deadline (monotonic ns). */
static int poll_until(struct pollfd *fds, nfds_t n, uint64_t deadline)
{
    for (int round = 0;; round++) {
        int ready = scan(fds, n);

        if (ready > 0 || (round > 0 && solo5_clock_monotonic() >= deadline))
            return ready;
        net_poll(deadline);
    }
}

/* A timeout in ms (negative: none) as a deadline in monotonic ns. */
static uint64_t deadline_ms(long long ms)
{
    if (ms < 0)
        return UINT64_MAX;
    return solo5_clock_monotonic() + (uint64_t)ms * 1000000ULL;
}

int poll(struct pollfd *fds, nfds_t n, int timeout_ms)
{
    if (n > NET_FD_MAX)
        return net_fail(EINVAL);
    return poll_until(fds, n, timeout_ms == 0 ? 0 : deadline_ms(timeout_ms));
}

/* The poll bits select's three sets ask of fd. */
static short wanted(int fd, fd_set *r, fd_set *w, fd_set *x)
{
    short ev = 0;

    if (r != NULL && FD_ISSET(fd, r))
        ev |= POLLIN;
    if (w != NULL && FD_ISSET(fd, w))
        ev |= POLLOUT;
    if (x != NULL && FD_ISSET(fd, x))
        ev |= POLLPRI;
    return ev;
}

/* Writes the ready bits back into the sets; returns how many are set. */
static int set_ready(struct pollfd *pfd, nfds_t k, fd_set *r, fd_set *w,
                     fd_set *x)
{
    int count = 0;

    if (r != NULL)
        FD_ZERO(r);
    if (w != NULL)
        FD_ZERO(w);
    if (x != NULL)
        FD_ZERO(x);
    for (nfds_t i = 0; i < k; i++) {
        short ev = pfd[i].revents;

        if (r != NULL && (ev & (POLLIN | POLLHUP | POLLERR)) &&
            (pfd[i].events & POLLIN))
            FD_SET(pfd[i].fd, r), count++;
        if (w != NULL && (ev & (POLLOUT | POLLERR)) &&
            (pfd[i].events & POLLOUT))
            FD_SET(pfd[i].fd, w), count++;
        if (x != NULL && (ev & POLLPRI))
            FD_SET(pfd[i].fd, x), count++;
    }
    return count;
}

int select(int nfds, fd_set *r, fd_set *w, fd_set *x, struct timeval *tv)
{
    struct pollfd *pfd;
    uint64_t deadline = UINT64_MAX;
    nfds_t k = 0;
    int ready;

    if (nfds < 0 || nfds > FD_SETSIZE ||
        (tv != NULL && (tv->tv_sec < 0 || tv->tv_usec < 0)))
        return net_fail(EINVAL);
    if (tv != NULL)
        deadline = tv->tv_sec == 0 && tv->tv_usec == 0
                       ? 0
                       : deadline_ms(tv->tv_sec * 1000LL + tv->tv_usec / 1000);
    if ((pfd = calloc((size_t)nfds + 1, sizeof(*pfd))) == NULL)
        return net_fail(ENOMEM);
    for (int fd = 0; fd < nfds; fd++) {
        short ev = wanted(fd, r, w, x);

        if (ev == 0)
            continue;
        if (fd > 2 && net_fd_sock(fd) == NULL) {
            free(pfd);
            return net_fail(EBADF);
        }
        pfd[k++] = (struct pollfd){.fd = fd, .events = ev};
    }
    ready = poll_until(pfd, k, deadline);
    ready = ready > 0 ? set_ready(pfd, k, r, w, x) : ready;
    if (ready == 0)
        set_ready(pfd, 0, r, w, x);
    free(pfd);
    return ready;
}
