/* Guest test: socket calls as a client, and their errors, against a peer. */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

/*
 * sockets MODE [HOST PORT], after the network options:
 *   hello HOST PORT     outbound connect, names, a request and its answer
 *   refused HOST PORT   connect to a closed port, blocking and not
 *   timeout HOST PORT   a silent peer: SO_RCVTIMEO, poll and select time out
 *   reset HOST PORT     a peer that resets: ECONNRESET after its data
 *   halfclose HOST PORT shutdown(SHUT_WR), then the peer's answer and EOF
 *   errors              local calls that must fail, with Linux's errno names
 *   exhaust             sockets until the stack's pools run out, then again
 * Prints SUCCESS when every check held, else one FAIL line per failed one.
 */

static int failures;

#define CHECK(cond)                                                            \
    do {                                                                       \
        if (!(cond)) {                                                         \
            printf("FAIL %s:%d: %s (errno %d: %s)\n", __FILE__, __LINE__,      \
                   #cond, errno, strerror(errno));                             \
            failures++;                                                        \
        }                                                                      \
    } while (0)

/* Checks that call failed with errno e. */
#define CHECK_ERR(call, e)                                                     \
    do {                                                                       \
        errno = 0;                                                             \
        long r_ = (long)(call);                                                \
        if (r_ != -1 || errno != (e)) {                                        \
            printf("FAIL %s:%d: %s gave %ld, errno %d (want %s)\n", __FILE__,  \
                   __LINE__, #call, r_, errno, #e);                            \
            failures++;                                                        \
        }                                                                      \
    } while (0)

static uint64_t now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* HOST:PORT through getaddrinfo, as a portable client finds it. */
static struct sockaddr_in peer(const char *host, const char *port)
{
    struct addrinfo hints = {.ai_family = AF_INET, .ai_socktype = SOCK_STREAM};
    struct addrinfo *res;
    struct sockaddr_in sa = {0};
    int e = getaddrinfo(host, port, &hints, &res);

    CHECK(e == 0);
    if (e == 0) {
        CHECK(res->ai_addrlen == sizeof(sa));
        memcpy(&sa, res->ai_addr, sizeof(sa));
        freeaddrinfo(res);
    }
    return sa;
}

static int dial(struct sockaddr_in *sa)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    CHECK(fd > 2);
    CHECK(connect(fd, (struct sockaddr *)sa, sizeof(*sa)) == 0);
    return fd;
}

/* Reads until n bytes or EOF; returns how many. */
static size_t read_full(int fd, char *buf, size_t n)
{
    size_t got = 0;
    ssize_t r;

    while (got < n && (r = read(fd, buf + got, n - got)) > 0)
        got += (size_t)r;
    return got;
}

static void hello(struct sockaddr_in *sa)
{
    struct sockaddr_in me, them;
    socklen_t len = sizeof(me);
    char buf[64], text[INET_ADDRSTRLEN];
    int fd = dial(sa), one = 1;

    CHECK(setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) == 0);
    CHECK(getsockname(fd, (struct sockaddr *)&me, &len) == 0);
    CHECK(len == sizeof(me) && me.sin_family == AF_INET);
    CHECK(ntohs(me.sin_port) != 0);
    CHECK(inet_ntop(AF_INET, &me.sin_addr, text, sizeof(text)) != NULL);
    len = sizeof(them);
    CHECK(getpeername(fd, (struct sockaddr *)&them, &len) == 0);
    CHECK(them.sin_addr.s_addr == sa->sin_addr.s_addr &&
          them.sin_port == sa->sin_port);
    CHECK(send(fd, "kiln\n", 5, 0) == 5);
    CHECK(read_full(fd, buf, sizeof(buf)) == 11);
    CHECK(memcmp(buf, "hello kiln\n", 11) == 0);
    CHECK(read(fd, buf, sizeof(buf)) == 0);
    CHECK(close(fd) == 0);
    printf("hello: %s:%u answered by %s:%u\n", text, ntohs(me.sin_port),
           inet_ntoa(them.sin_addr), ntohs(them.sin_port));
}

static void refused(struct sockaddr_in *sa)
{
    struct pollfd p;
    socklen_t len = sizeof(int);
    int fd = socket(AF_INET, SOCK_STREAM, 0), e = 0;

    CHECK_ERR(connect(fd, (struct sockaddr *)sa, sizeof(*sa)), ECONNREFUSED);
    close(fd);
    fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    CHECK_ERR(connect(fd, (struct sockaddr *)sa, sizeof(*sa)), EINPROGRESS);
    p = (struct pollfd){.fd = fd, .events = POLLOUT};
    CHECK(poll(&p, 1, 5000) == 1);
    CHECK(p.revents & (POLLOUT | POLLERR));
    CHECK(getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &len) == 0);
    CHECK(e == ECONNREFUSED);
    close(fd);
}

static void timeout(struct sockaddr_in *sa)
{
    struct timeval tv = {.tv_sec = 0, .tv_usec = 300000}, got;
    socklen_t len = sizeof(got);
    struct pollfd p;
    fd_set r;
    char buf[16];
    int fd = dial(sa);
    uint64_t t0 = now_ms();

    CHECK(setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) == 0);
    CHECK(getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &got, &len) == 0);
    CHECK(got.tv_sec == 0 && got.tv_usec == 300000);
    CHECK_ERR(recv(fd, buf, sizeof(buf), 0), EAGAIN);
    CHECK(now_ms() - t0 >= 300 && now_ms() - t0 < 3000);
    t0 = now_ms();
    p = (struct pollfd){.fd = fd, .events = POLLIN};
    CHECK(poll(&p, 1, 200) == 0);
    CHECK(now_ms() - t0 >= 200);
    FD_ZERO(&r);
    FD_SET(fd, &r);
    tv = (struct timeval){.tv_sec = 0, .tv_usec = 100000};
    t0 = now_ms();
    CHECK(select(fd + 1, &r, NULL, NULL, &tv) == 0);
    CHECK(now_ms() - t0 >= 100 && !FD_ISSET(fd, &r));
    CHECK_ERR(recv(fd, buf, sizeof(buf), MSG_DONTWAIT), EWOULDBLOCK);
    CHECK(fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) == 0);
    CHECK(fcntl(fd, F_GETFL) & O_NONBLOCK);
    CHECK_ERR(read(fd, buf, sizeof(buf)), EAGAIN);
    /* Writable: select says so at once. */
    FD_ZERO(&r);
    FD_SET(fd, &r);
    CHECK(select(fd + 1, NULL, &r, NULL, NULL) == 1 && FD_ISSET(fd, &r));
    close(fd);
}

static void reset(struct sockaddr_in *sa)
{
    char buf[16];
    int fd = dial(sa);

    CHECK(read(fd, buf, 1) == 1 && buf[0] == 'x');
    CHECK_ERR(read(fd, buf, sizeof(buf)), ECONNRESET);
    CHECK_ERR(send(fd, "y", 1, MSG_NOSIGNAL), EPIPE);
    close(fd);
}

static void halfclose(struct sockaddr_in *sa)
{
    static char data[100000];
    char buf[64];
    int fd = dial(sa);
    struct pollfd p = {.fd = fd, .events = POLLIN};

    memset(data, 'k', sizeof(data));
    CHECK(write(fd, data, sizeof(data)) == (ssize_t)sizeof(data));
    CHECK(shutdown(fd, SHUT_WR) == 0);
    CHECK_ERR(send(fd, "y", 1, MSG_NOSIGNAL), EPIPE);
    CHECK(read_full(fd, buf, 13) == 13);
    CHECK(memcmp(buf, "100000 bytes\n", 13) == 0);
    CHECK(poll(&p, 1, 5000) == 1 && (p.revents & POLLIN));
    CHECK(read(fd, buf, sizeof(buf)) == 0);
    close(fd);
}

static void errors(void)
{
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons(5555)};
    struct sockaddr_in6 sa6 = {.sin6_family = AF_INET6};
    socklen_t len = sizeof(int);
    int t = socket(AF_INET, SOCK_STREAM, 0),
        t2 = socket(AF_INET, SOCK_STREAM, 0);
    int u = socket(AF_INET, SOCK_DGRAM, 0), v = 0, one = 1;
    char buf[8];

    CHECK(t > 2 && t2 > 2 && u > 2);
    CHECK_ERR(socket(AF_INET6, SOCK_STREAM, 0), EAFNOSUPPORT);
    CHECK_ERR(socket(AF_INET, 99, 0), EINVAL);
    CHECK_ERR(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP), EPROTONOSUPPORT);
    CHECK_ERR(send(999, "x", 1, 0), EBADF);
    CHECK_ERR(close(999), EBADF);
    CHECK_ERR(listen(1, 1), ENOTSOCK);
    CHECK_ERR(bind(t, (struct sockaddr *)&sa6, sizeof(sa6)), EAFNOSUPPORT);
    CHECK_ERR(bind(t, (struct sockaddr *)&sa, 4), EINVAL);
    CHECK(setsockopt(t, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) == 0);
    CHECK(getsockopt(t, SOL_SOCKET, SO_REUSEADDR, &v, &len) == 0 && v == 1);
    CHECK(setsockopt(t, SOL_SOCKET, SO_KEEPALIVE, &one, sizeof(one)) == 0);
    CHECK(getsockopt(t, SOL_SOCKET, SO_KEEPALIVE, &v, &len) == 0 && v == 1);
    CHECK(getsockopt(u, SOL_SOCKET, SO_TYPE, &v, &len) == 0 && v == SOCK_DGRAM);
    CHECK_ERR(setsockopt(t, SOL_SOCKET, 9999, &one, sizeof(one)), ENOPROTOOPT);
    CHECK_ERR(setsockopt(t, IPPROTO_TCP, TCP_NODELAY, &one, 1), EINVAL);
    CHECK(bind(t, (struct sockaddr *)&sa, sizeof(sa)) == 0);
    CHECK_ERR(bind(t, (struct sockaddr *)&sa, sizeof(sa)), EINVAL);
    CHECK_ERR(bind(t2, (struct sockaddr *)&sa, sizeof(sa)), EADDRINUSE);
    CHECK_ERR(accept(t, NULL, NULL), EINVAL);
    CHECK_ERR(recv(t, buf, sizeof(buf), 0), ENOTCONN);
    CHECK_ERR(getpeername(t, (struct sockaddr *)&sa, &len), ENOTCONN);
    CHECK_ERR(shutdown(t, SHUT_WR), ENOTCONN);
    CHECK(listen(t, 4) == 0);
    CHECK(getsockopt(t, SOL_SOCKET, SO_ACCEPTCONN, &v, &len) == 0 && v == 1);
    CHECK(fcntl(t, F_SETFL, O_NONBLOCK) == 0);
    CHECK_ERR(accept(t, NULL, NULL), EAGAIN);
    CHECK_ERR(accept4(t, NULL, NULL, 12345), EINVAL);
    CHECK_ERR(sendto(u, "x", 1, 0, NULL, 0), EDESTADDRREQ);
    CHECK_ERR(listen(u, 1), EOPNOTSUPP);
    CHECK(close(t) == 0 && close(t2) == 0 && close(u) == 0);
    CHECK_ERR(close(t), EBADF);
    CHECK(fcntl(1, F_GETFL) == O_WRONLY);
}

/* Opens sockets of type until socket() fails, then closes them all. */
static void exhaust_type(int type)
{
    static int fds[8192];
    int n = 0;

    for (;;) {
        int fd = n < 8192 ? socket(AF_INET, type, 0) : -1;

        if (fd < 0)
            break;
        fds[n++] = fd;
    }
    CHECK(errno == ENOMEM || errno == EMFILE || errno == ENOBUFS);
    CHECK(n > 0);
    printf("exhaust: %d sockets of type %d\n", n, type);
    while (n > 0)
        CHECK(close(fds[--n]) == 0);
}

static void exhaust(void)
{
    for (int round = 0; round < 2; round++) {
        int t = 0, u = 0;

        exhaust_type(SOCK_STREAM);
        exhaust_type(SOCK_DGRAM);
        /* Everything came back: one of each opens again. */
        CHECK((t = socket(AF_INET, SOCK_STREAM, 0)) > 2);
        CHECK((u = socket(AF_INET, SOCK_DGRAM, 0)) > 2);
        close(t);
        close(u);
    }
    printf("exhaust: pools ran out with an errno, and came back\n");
}

int main(int argc, char **argv)
{
    struct sockaddr_in sa;

    if (argc == 4) {
        sa = peer(argv[2], argv[3]);
        if (strcmp(argv[1], "hello") == 0)
            hello(&sa);
        else if (strcmp(argv[1], "refused") == 0)
            refused(&sa);
        else if (strcmp(argv[1], "timeout") == 0)
            timeout(&sa);
        else if (strcmp(argv[1], "reset") == 0)
            reset(&sa);
        else if (strcmp(argv[1], "halfclose") == 0)
            halfclose(&sa);
        else
            failures++;
    } else if (argc == 2 && strcmp(argv[1], "errors") == 0) {
        errors();
    } else if (argc == 2 && strcmp(argv[1], "exhaust") == 0) {
        exhaust();
    } else {
        printf("usage: sockets MODE [HOST PORT]\n");
        return 2;
    }
    printf(failures ? "FAILED: %d\n" : "SUCCESS\n", failures);
    return failures ? 1 : 0;
}
