/* Kiln example: an HTTPS server (mbed TLS), its certificate from a disk. */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/error.h>
#include <mbedtls/net_sockets.h>
#include <mbedtls/pk.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/ssl.h>
#include <mbedtls/x509_crt.h>

#include "https_disk.h"

#define MAX_CONNS 64
#define REQ_MAX 4096
/* The PEM text on the disk: at most this much is read. */
#define CRED_MAX 65536
#define LINES 5000
/* A connection that has moved no bytes for this long is closed. */
#define IDLE_SECONDS 10

static const char page[] =
    "<!DOCTYPE html>\n"
    "<html><head><title>Kiln</title></head>\n"
    "<body><h1>Hello from a Kiln unikernel, over TLS</h1>\n"
    "<p>This page was served by examples/https with mbed TLS.</p>\n"
    "</body></html>\n";
static const char not_found[] = "not found\n";
static const char bad_request[] = "bad request\n";
/* "/lines": "line 00001\n" to "line 05000\n", several TLS records long. */
static char *lines;
static size_t lines_len;

static mbedtls_entropy_context entropy;
static mbedtls_ctr_drbg_context drbg;
static mbedtls_ssl_config conf;
static mbedtls_x509_crt chain;
static mbedtls_pk_context key;

/* A connection: its TLS session, the request read so far, the response. */
struct conn {
    mbedtls_net_context net;
    mbedtls_ssl_context ssl;
    int handshaken;
    long last; /* when it last had an event, in seconds */
    char req[REQ_MAX];
    size_t req_len;
    char head[192];
    size_t head_len;
    const char *body;
    size_t body_len, sent;
};

static struct pollfd pfd[MAX_CONNS + 1];
static struct conn *conns[MAX_CONNS + 1];
static nfds_t npfd;

static void tls_error(const char *what, int ret)
{
    char msg[128];

    mbedtls_strerror(ret, msg, sizeof(msg));
    printf("https: %s: -0x%04x %s\n", what, (unsigned)-ret, msg);
    fflush(stdout);
}

/* The certificate chain (the server's first) and its key, PEM, from the disk:
   their text in any order, ended by a zero byte or the end of the disk. */
static int load_credentials(void)
{
    unsigned char *buf = calloc(1, CRED_MAX + 1);
    size_t len = buf != NULL ? https_read_disk(buf, CRED_MAX) : 0;
    int ret = -1;

    if (len > 1) {
        ret = mbedtls_x509_crt_parse(&chain, buf, len);
        if (ret > 0)
            printf("https: certificate: %d of them do not parse\n", ret);
        else if (ret < 0)
            tls_error("certificate", ret);
        else if ((ret = mbedtls_pk_parse_key(&key, buf, len, NULL, 0)) != 0)
            tls_error("private key", ret);
    } else if (len == 1) {
        printf("https: 'certs' holds no PEM text\n");
    }
    if (buf != NULL) /* the private key's text, gone from the heap */
        mbedtls_platform_zeroize(buf, CRED_MAX + 1);
    free(buf);
    return ret;
}

/* The server's TLS configuration: TLS 1.2 only, the DRBG seeded from
   getentropy (mbedtls_hardware_poll), the credentials from the disk. */
static int tls_setup(void)
{
    static const char pers[] = "kiln examples/https";
    int ret;

    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    mbedtls_ssl_config_init(&conf);
    mbedtls_x509_crt_init(&chain);
    mbedtls_pk_init(&key);
    ret = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
                                (const unsigned char *)pers, sizeof(pers) - 1);
    if (ret != 0) {
        tls_error("seeding the DRBG", ret);
        return ret;
    }
    if (load_credentials() != 0)
        return -1;
    ret = mbedtls_ssl_config_defaults(&conf, MBEDTLS_SSL_IS_SERVER,
                                      MBEDTLS_SSL_TRANSPORT_STREAM,
                                      MBEDTLS_SSL_PRESET_DEFAULT);
    if (ret == 0)
        ret = mbedtls_ssl_conf_own_cert(&conf, &chain, &key);
    if (ret != 0) {
        tls_error("configuration", ret);
        return ret;
    }
    mbedtls_ssl_conf_rng(&conf, mbedtls_ctr_drbg_random, &drbg);
    mbedtls_ssl_conf_min_version(&conf, MBEDTLS_SSL_MAJOR_VERSION_3,
                                 MBEDTLS_SSL_MINOR_VERSION_3);
    return 0;
}

static int make_lines(void)
{
    lines_len = (size_t)LINES * 11;
    lines = malloc(lines_len + 1);
    if (lines == NULL)
        return -1;
    for (int i = 0; i < LINES; i++)
        snprintf(lines + (size_t)i * 11, 12, "line %05d\n", i + 1);
    return 0;
}

static void respond(struct conn *c, const char *status, const char *type,
                    const char *body, size_t len, int head_only)
{
    c->head_len = (size_t)snprintf(
        c->head, sizeof(c->head),
        "HTTP/1.1 %s\r\nServer: kiln-https\r\nContent-Type: %s\r\n"
        "Content-Length: %zu\r\nConnection: close\r\n\r\n",
        status, type, len);
    c->body = head_only ? NULL : body;
    c->body_len = head_only ? 0 : len;
    c->sent = 0;
}

/* Answers the request line of c->req (one request a connection). */
static void handle(struct conn *c)
{
    char method[8], path[256], version[16];
    int head;

    if (sscanf(c->req, "%7s %255s %15s", method, path, version) != 3 ||
        strncmp(version, "HTTP/1.", 7) != 0) {
        respond(c, "400 Bad Request", "text/plain", bad_request,
                sizeof(bad_request) - 1, 0);
        return;
    }
    head = strcmp(method, "HEAD") == 0;
    if (!head && strcmp(method, "GET") != 0)
        respond(c, "501 Not Implemented", "text/plain", bad_request,
                sizeof(bad_request) - 1, 0);
    else if (strcmp(path, "/") == 0 || strcmp(path, "/index.html") == 0)
        respond(c, "200 OK", "text/html", page, sizeof(page) - 1, head);
    else if (strcmp(path, "/lines") == 0)
        respond(c, "200 OK", "text/plain", lines, lines_len, head);
    else
        respond(c, "404 Not Found", "text/plain", not_found,
                sizeof(not_found) - 1, head);
}

/* What poll should wait for after mbed TLS returned ret; -1 to drop. */
static int want(int ret)
{
    if (ret == MBEDTLS_ERR_SSL_WANT_READ)
        return POLLIN;
    if (ret == MBEDTLS_ERR_SSL_WANT_WRITE)
        return POLLOUT;
    return -1;
}

static int handshake(struct conn *c)
{
    int ret = mbedtls_ssl_handshake(&c->ssl);

    if (ret != 0) {
        if (want(ret) < 0)
            tls_error("handshake failed", ret);
        return want(ret);
    }
    c->handshaken = 1;
    printf("https: %s %s\n", mbedtls_ssl_get_version(&c->ssl),
           mbedtls_ssl_get_ciphersuite(&c->ssl));
    fflush(stdout);
    return 0;
}

/* Reads until the request's header block is whole. */
static int read_request(struct conn *c)
{
    while (strstr(c->req, "\r\n\r\n") == NULL) {
        int ret;

        if (c->req_len == REQ_MAX - 1)
            return -1; /* a request header too large */
        ret = mbedtls_ssl_read(&c->ssl, (unsigned char *)c->req + c->req_len,
                               REQ_MAX - 1 - c->req_len);
        if (ret <= 0)
            return ret == 0 ? -1 : want(ret);
        c->req_len += (size_t)ret;
        c->req[c->req_len] = '\0';
    }
    handle(c);
    return 0;
}

/* Sends the rest of the response, then the closure alert; 0 when done. */
static int write_response(struct conn *c)
{
    while (c->sent < c->head_len + c->body_len) {
        const char *p = c->sent < c->head_len ? c->head + c->sent
                                              : c->body + c->sent - c->head_len;
        size_t left = c->sent < c->head_len
                          ? c->head_len - c->sent
                          : c->head_len + c->body_len - c->sent;
        int ret = mbedtls_ssl_write(&c->ssl, (const unsigned char *)p, left);

        if (ret < 0)
            return want(ret);
        c->sent += (size_t)ret;
    }
    int ret = mbedtls_ssl_close_notify(&c->ssl);

    return ret == 0 ? 0 : want(ret);
}

/* Moves connection i on: the poll events it waits for next, or -1 to drop it.
 */
static int serve(nfds_t i)
{
    struct conn *c = conns[i];
    int r;

    if (!c->handshaken && (r = handshake(c)) != 0)
        return r;
    if (c->head_len == 0 && (r = read_request(c)) != 0)
        return r;
    r = write_response(c);
    return r == 0 ? -1 : r;
}

static long now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long)ts.tv_sec;
}

static void drop(nfds_t i)
{
    mbedtls_ssl_free(&conns[i]->ssl);
    mbedtls_net_free(&conns[i]->net);
    free(conns[i]);
    npfd--;
    pfd[i] = pfd[npfd];
    conns[i] = conns[npfd];
}

/* A connection for fd, its TLS session set up; NULL on failure. */
static struct conn *new_conn(int fd)
{
    struct conn *c = calloc(1, sizeof(*c));

    if (c == NULL)
        return NULL;
    mbedtls_net_init(&c->net);
    c->net.fd = fd;
    mbedtls_ssl_init(&c->ssl);
    if (mbedtls_net_set_nonblock(&c->net) != 0 ||
        mbedtls_ssl_setup(&c->ssl, &conf) != 0) {
        mbedtls_ssl_free(&c->ssl);
        free(c);
        return NULL;
    }
    mbedtls_ssl_set_bio(&c->ssl, &c->net, mbedtls_net_send, mbedtls_net_recv,
                        NULL);
    return c;
}

static void accept_all(int lfd)
{
    for (;;) {
        int fd = accept(lfd, NULL, NULL);

        if (fd < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK)
                perror("https: accept");
            return;
        }
        if (npfd == MAX_CONNS + 1 || (conns[npfd] = new_conn(fd)) == NULL) {
            close(fd);
            continue;
        }
        /* the client speaks first: its ClientHello */
        conns[npfd]->last = now();
        pfd[npfd++] = (struct pollfd){.fd = fd, .events = POLLIN};
    }
}

static int listen_on(int port)
{
    struct sockaddr_in sa = {.sin_family = AF_INET};
    int one = 1, fd = socket(AF_INET, SOCK_STREAM, 0);

    sa.sin_port = htons((unsigned short)port);
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    if (fd < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) < 0 ||
        bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
        listen(fd, SOMAXCONN) < 0 ||
        fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) < 0) {
        perror("https: listen");
        return -1;
    }
    return fd;
}

/* usage: https [PORT]   (default 443) */
int main(int argc, char **argv)
{
    int port = argc > 1 ? atoi(argv[1]) : 443;
    int lfd;

    /* a write to a connection its client reset fails with EPIPE rather than
       ending the server by SIGPIPE (Linux; Solo5 has no signals) */
    signal(SIGPIPE, SIG_IGN);
    if (make_lines() != 0 || tls_setup() != 0)
        return 1;
    lfd = listen_on(port);
    if (lfd < 0)
        return 1;
    pfd[0] = (struct pollfd){.fd = lfd, .events = POLLIN};
    npfd = 1;
    printf("https: serving on port %d\n", port);
    fflush(stdout);
    for (;;) {
        /* with connections open, wake each second to close idle ones */
        if (poll(pfd, npfd, npfd > 1 ? 1000 : -1) < 0) {
            perror("https: poll");
            return 1;
        }
        if (pfd[0].revents & POLLIN)
            accept_all(lfd);
        for (nfds_t i = npfd; i-- > 1;) {
            int ev;

            if (pfd[i].revents == 0) {
                if (now() - conns[i]->last >= IDLE_SECONDS) {
                    printf("https: closing a connection idle for %d s\n",
                           IDLE_SECONDS);
                    fflush(stdout);
                    drop(i);
                }
                continue;
            }
            conns[i]->last = now();
            ev = serve(i);
            if (ev < 0)
                drop(i);
            else
                pfd[i].events = (short)ev;
        }
    }
}
