/* Kiln example: a TCP and UDP echo server (the same source builds on Linux). */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CLIENTS 4096
#define BUF_SIZE 16384

/* A client and the bytes it sent that are not yet echoed back. */
struct client {
    char *buf;
    size_t len, off;
};

/* Slot 0 listens for TCP, slot 1 is the UDP socket, clients from 2 on. */
static struct pollfd pfd[MAX_CLIENTS + 2];
static struct client clients[MAX_CLIENTS + 2];
static nfds_t npfd;

static int nonblocking(int fd)
{
    int fl = fcntl(fd, F_GETFL);

    return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/* A socket of type bound to port on every address; exits on failure. */
static int open_bound(int type, int port)
{
    struct sockaddr_in sa = {.sin_family = AF_INET};
    int fd = socket(AF_INET, type, 0), one = 1;

    sa.sin_port = htons((unsigned short)port);
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    if (fd < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
        bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 || nonblocking(fd)) {
        perror("echo: socket");
        exit(1);
    }
    return fd;
}

static void drop(nfds_t i)
{
    close(pfd[i].fd);
    free(clients[i].buf);
    npfd--;
    pfd[i] = pfd[npfd];
    clients[i] = clients[npfd];
}

static void accept_all(int lfd)
{
    for (;;) {
        int fd = accept(lfd, NULL, NULL);

        if (fd < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                perror("echo: accept");
            return;
        }
        if (npfd == MAX_CLIENTS + 2 || nonblocking(fd) < 0 ||
            (clients[npfd].buf = malloc(BUF_SIZE)) == NULL) {
            close(fd);
            continue;
        }
        clients[npfd].len = clients[npfd].off = 0;
        pfd[npfd++] = (struct pollfd){.fd = fd, .events = POLLIN};
    }
}

static void echo_datagrams(int fd)
{
    static char buf[65536];
    struct sockaddr_in from;
    socklen_t len = sizeof(from);
    ssize_t n;

    while ((n = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
                         &len)) >= 0) {
        sendto(fd, buf, (size_t)n, 0, (struct sockaddr *)&from, len);
        len = sizeof(from);
    }
}

/* Reads what client i sent, or writes it back; 0, or -1 when it is done. */
static int serve(nfds_t i)
{
    struct client *c = &clients[i];
    ssize_t n;

    if (c->len == 0) {
        n = read(pfd[i].fd, c->buf, BUF_SIZE);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
            return -1;
        c->len = n > 0 ? (size_t)n : 0;
        c->off = 0;
    }
    if (c->len > 0) {
        n = write(pfd[i].fd, c->buf + c->off, c->len - c->off);
        if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
            return -1;
        c->off += n > 0 ? (size_t)n : 0;
        if (c->off == c->len)
            c->len = 0;
    }
    pfd[i].events = c->len > 0 ? POLLOUT : POLLIN;
    return 0;
}

int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 7;

    pfd[0] =
        (struct pollfd){.fd = open_bound(SOCK_STREAM, port), .events = POLLIN};
    pfd[1] =
        (struct pollfd){.fd = open_bound(SOCK_DGRAM, port), .events = POLLIN};
    npfd = 2;
    if (listen(pfd[0].fd, SOMAXCONN) < 0) {
        perror("echo: listen");
        return 1;
    }
    printf("echo: serving TCP and UDP on port %d\n", port);
    fflush(stdout);
    for (;;) {
        if (poll(pfd, npfd, -1) < 0) {
            perror("echo: poll");
            return 1;
        }
        if (pfd[0].revents & POLLIN)
            accept_all(pfd[0].fd);
        if (pfd[1].revents & POLLIN)
            echo_datagrams(pfd[1].fd);
        for (nfds_t i = npfd; i-- > 2;) {
            if (pfd[i].revents != 0 && serve(i) < 0)
                drop(i);
        }
    }
}
