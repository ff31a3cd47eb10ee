/* Test tool: the host side of the socket tests (checks, peers to a guest). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

/*
 * sockpeer echo HOST PORT BYTES      streams BYTES through a TCP echo server,
 *                                    checks every byte, prints both checksums
 * sockpeer many HOST PORT N          N connections open at once, each echoed
 * sockpeer udp HOST PORT N           N datagrams of varied sizes echoed
 * sockpeer get HOST PORT N           N HTTP/1.1 GETs of / on one connection,
 *                                    prints each status and body length
 * sockpeer garbage HOST PORT KIND   sends bytes that are no TLS ClientHello
 *                                    (KIND text: a plain HTTP request; record:
 *                                    a handshake record of junk), reads until
 *                                    the server closes (at most 20 s)
 * sockpeer serve PORT MODE [COUNT]   serves COUNT connections (default 1):
 *                                    hello (reads a line, answers "hello
 * <line>"), reset (sends "x", then a reset), silent (sends nothing until the
 * peer closes), drain (reads to EOF, answers the byte count) Each mode ends
 * itself after 120 s (SIGALRM).
 */

static void die(const char *what)
{
    perror(what);
    exit(1);
}

static struct sockaddr_in addr_of(const char *host, const char *port)
{
    struct sockaddr_in sa = {.sin_family = AF_INET};

    sa.sin_port = htons((uint16_t)atoi(port));
    if (inet_pton(AF_INET, host, &sa.sin_addr) != 1) {
        fprintf(stderr, "sockpeer: bad address %s\n", host);
        exit(2);
    }
    return sa;
}

static int dial(struct sockaddr_in *sa)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);

    if (fd < 0 || connect(fd, (struct sockaddr *)sa, sizeof(*sa)) < 0)
        die("sockpeer: connect");
    return fd;
}

/* The byte at offset i of the test stream (xorshift, reproducible). */
static uint8_t stream_byte(uint64_t i)
{
    uint64_t x = (i / 8) * 0x9e3779b97f4a7c15ULL + 1;

    x ^= x >> 31;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 29;
    return (uint8_t)(x >> (8 * (i % 8)));
}

/* FNV-1a, one byte at a time. */
static uint64_t fnv(uint64_t h, uint8_t b)
{
    return (h ^ b) * 0x100000001b3ULL;
}

static int echo_stream(struct sockaddr_in *sa, uint64_t total)
{
    static uint8_t buf[65536];
    uint64_t sent = 0, got = 0, hs = 0xcbf29ce484222325ULL, hr = hs;
    int fd = dial(sa), wdone = 0;

    fcntl(fd, F_SETFL, O_NONBLOCK);
    while (got < total) {
        struct pollfd p = {fd, POLLIN | (wdone ? 0 : POLLOUT), 0};
        ssize_t n;

        if (poll(&p, 1, 30000) <= 0) {
            fprintf(stderr, "sockpeer: stalled at %llu of %llu bytes\n",
                    (unsigned long long)got, (unsigned long long)total);
            return 1;
        }
        if (!wdone && (p.revents & POLLOUT)) {
            size_t k = total - sent < sizeof(buf) ? total - sent : sizeof(buf);

            for (size_t i = 0; i < k; i++)
                buf[i] = stream_byte(sent + i);
            n = write(fd, buf, k);
            for (ssize_t i = 0; i < n; i++)
                hs = fnv(hs, buf[i]);
            sent += n > 0 ? (uint64_t)n : 0;
            if (sent == total) {
                shutdown(fd, SHUT_WR);
                wdone = 1;
            }
        }
        if (p.revents & (POLLIN | POLLHUP | POLLERR)) {
            n = read(fd, buf, sizeof(buf));
            if (n <= 0 && !(n < 0 && errno == EAGAIN))
                break;
            for (ssize_t i = 0; i < n; i++) {
                if (buf[i] != stream_byte(got + (uint64_t)i)) {
                    fprintf(stderr, "sockpeer: byte %llu differs\n",
                            (unsigned long long)(got + (uint64_t)i));
                    return 1;
                }
                hr = fnv(hr, buf[i]);
            }
            got += n > 0 ? (uint64_t)n : 0;
        }
    }
    fcntl(fd, F_SETFL, 0);
    if (got == total && read(fd, buf, 1) != 0) {
        fprintf(stderr, "sockpeer: no end of stream after the echo\n");
        return 1;
    }
    printf("echoed %llu of %llu bytes, sent fnv %016llx, received fnv "
           "%016llx\n",
           (unsigned long long)got, (unsigned long long)total,
           (unsigned long long)hs, (unsigned long long)hr);
    return got == total && hs == hr ? 0 : 1;
}

static int many(struct sockaddr_in *sa, int n)
{
    struct rlimit rl = {(rlim_t)n + 64, (rlim_t)n + 64};
    int *fds = calloc((size_t)n, sizeof(int)), ok = 0;
    char msg[64], back[64];

    if (fds == NULL || setrlimit(RLIMIT_NOFILE, &rl) < 0)
        die("sockpeer: many");
    for (int i = 0; i < n; i++)
        fds[i] = dial(sa);
    for (int i = 0; i < n; i++) {
        int len = snprintf(msg, sizeof(msg), "connection %d\n", i);

        if (write(fds[i], msg, (size_t)len) != len)
            die("sockpeer: write");
    }
    for (int i = 0; i < n; i++) {
        int len = snprintf(msg, sizeof(msg), "connection %d\n", i), got = 0;
        struct pollfd p = {fds[i], POLLIN, 0};

        while (got < len && poll(&p, 1, 30000) > 0) {
            ssize_t r = read(fds[i], back + got, (size_t)(len - got));

            if (r <= 0)
                break;
            got += (int)r;
        }
        ok += got == len && memcmp(msg, back, (size_t)len) == 0;
        close(fds[i]);
    }
    printf("%d of %d connections echoed\n", ok, n);
    return ok == n ? 0 : 1;
}

static int udp(struct sockaddr_in *sa, int n)
{
    static uint8_t out[1472], in[2048];
    int fd = socket(AF_INET, SOCK_DGRAM, 0), ok = 0;

    if (fd < 0 || connect(fd, (struct sockaddr *)sa, sizeof(*sa)) < 0)
        die("sockpeer: udp");
    for (int i = 0; i < n; i++) {
        size_t len = 1 + (size_t)i * 97 % sizeof(out);
        struct pollfd p = {fd, POLLIN, 0};

        for (size_t k = 0; k < len; k++)
            out[k] = stream_byte((uint64_t)i * 4096 + k);
        if (send(fd, out, len, 0) != (ssize_t)len)
            die("sockpeer: send");
        if (poll(&p, 1, 2000) > 0 &&
            recv(fd, in, sizeof(in), 0) == (ssize_t)len &&
            memcmp(in, out, len) == 0)
            ok++;
    }
    printf("%d of %d datagrams echoed\n", ok, n);
    return ok == n ? 0 : 1;
}

/* Reads one HTTP response from fd; prints its status and body length. */
static int http_response(int fd)
{
    static char buf[65536];
    size_t have = 0;
    char *end, *cl;
    long status, len;

    while ((end = memmem(buf, have, "\r\n\r\n", 4)) == NULL) {
        ssize_t n = read(fd, buf + have, sizeof(buf) - 1 - have);

        if (n <= 0)
            return -1;
        have += (size_t)n;
    }
    *end = '\0';
    cl = strcasestr(buf, "\r\ncontent-length:");
    if (sscanf(buf, "HTTP/1.1 %ld", &status) != 1 || cl == NULL)
        return -1;
    len = strtol(cl + 17, NULL, 10);
    have -= (size_t)(end + 4 - buf);
    while ((long)have < len) {
        ssize_t n = read(fd, buf, sizeof(buf));

        if (n <= 0)
            return -1;
        have += (size_t)n;
    }
    printf("status %ld, body %ld bytes\n", status, len);
    return 0;
}

static int get(struct sockaddr_in *sa, int n)
{
    static const char req[] = "GET / HTTP/1.1\r\nHost: kiln\r\n\r\n";
    int fd = dial(sa);

    for (int i = 0; i < n; i++) {
        if (write(fd, req, sizeof(req) - 1) != sizeof(req) - 1 ||
            http_response(fd) < 0) {
            fprintf(stderr, "sockpeer: response %d of %d failed\n", i + 1, n);
            return 1;
        }
    }
    printf("%d responses on one connection\n", n);
    return 0;
}

/* Serves one accepted connection c in mode. */
static void serve_one(int c, const char *mode)
{
    char buf[4096], line[256];
    ssize_t n;
    long total = 0;

    if (strcmp(mode, "hello") == 0) {
        n = read(c, line, sizeof(line) - 1);
        line[n > 0 ? n : 0] = '\0';
        n = snprintf(buf, sizeof(buf), "hello %s", line);
        if (write(c, buf, (size_t)n) != n)
            perror("sockpeer: write");
    } else if (strcmp(mode, "reset") == 0) {
        struct linger lg = {1, 0};

        if (write(c, "x", 1) != 1)
            perror("sockpeer: write");
        usleep(200000);
        setsockopt(c, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
    } else if (strcmp(mode, "silent") == 0) {
        while (read(c, buf, sizeof(buf)) > 0)
            ;
    } else {
        while ((n = read(c, buf, sizeof(buf))) > 0)
            total += n;
        n = snprintf(buf, sizeof(buf), "%ld bytes\n", total);
        if (write(c, buf, (size_t)n) != n)
            perror("sockpeer: write");
    }
    close(c);
}

static int serve(const char *port, const char *mode, int count)
{
    struct sockaddr_in sa = addr_of("0.0.0.0", port);
    int l = socket(AF_INET, SOCK_STREAM, 0), one = 1;

    if (l < 0 || setsockopt(l, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) ||
        bind(l, (struct sockaddr *)&sa, sizeof(sa)) < 0 || listen(l, 16) < 0)
        die("sockpeer: serve");
    printf("sockpeer: serving\n");
    fflush(stdout);
    for (int i = 0; i < count; i++) {
        int c = accept(l, NULL, NULL);

        if (c < 0)
            die("sockpeer: accept");
        serve_one(c, mode);
    }
    return 0;
}

/* Sends junk to a TLS server; 0 if it then closes the connection. */
static int garbage(struct sockaddr_in *sa, const char *kind)
{
    static const char text[] = "GET / HTTP/1.1\r\nHost: kiln\r\n\r\n";
    /* type 22 (handshake), version 3.3, 16 bytes: a message of type 0xee */
    static const uint8_t record[] = {22,  3,   3,   0,   16,  0xee, 0,
                                     0,   12,  'n', 'o', 't', ' ',  'a',
                                     ' ', 'h', 'e', 'l', 'l', 'o',  '!'};
    const void *junk = strcmp(kind, "text") == 0 ? (const void *)text : record;
    size_t len = junk == text ? sizeof(text) - 1 : sizeof(record);
    struct pollfd p = {dial(sa), POLLIN, 0};
    uint8_t buf[4096], first = 0;
    size_t got = 0;
    ssize_t n;

    if (write(p.fd, junk, len) != (ssize_t)len)
        die("sockpeer: write");
    while (poll(&p, 1, 20000) > 0 && (n = read(p.fd, buf, sizeof(buf))) > 0) {
        first = got == 0 ? buf[0] : first;
        got += (size_t)n;
    }
    if (poll(&p, 1, 0) == 0) {
        printf("still open after 20 s (%zu bytes received)\n", got);
        return 1;
    }
    printf("closed by the server after %zu bytes%s\n", got,
           first == 21 ? ", an alert first" : "");
    return 0;
}

int main(int argc, char **argv)
{
    struct sockaddr_in sa;

    alarm(120);
    if (argc >= 4 && strcmp(argv[1], "serve") == 0)
        return serve(argv[2], argv[3], argc > 4 ? atoi(argv[4]) : 1);
    if (argc != 5) {
        fprintf(stderr, "usage: sockpeer echo|many|udp|get HOST PORT N, "
                        "sockpeer garbage HOST PORT text|record, or "
                        "sockpeer serve PORT MODE [COUNT]\n");
        return 2;
    }
    sa = addr_of(argv[2], argv[3]);
    if (strcmp(argv[1], "echo") == 0)
        return echo_stream(&sa, strtoull(argv[4], NULL, 0));
    if (strcmp(argv[1], "many") == 0)
        return many(&sa, atoi(argv[4]));
    if (strcmp(argv[1], "udp") == 0)
        return udp(&sa, atoi(argv[4]));
    if (strcmp(argv[1], "get") == 0)
        return get(&sa, atoi(argv[4]));
    if (strcmp(argv[1], "garbage") == 0)
        return garbage(&sa, argv[4]);
    fprintf(stderr, "sockpeer: unknown mode %s\n", argv[1]);
    return 2;
}
