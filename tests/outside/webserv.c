/* webserv: a small select()-based HTTP/1.1 server in plain POSIX C. */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

/*
 * Written as any Linux server is, for Linux: getopt, SIGPIPE
 * ignored, non-blocking sockets in one select() loop, keep-alive, idle
 * connections closed after a timeout. It serves generated content only:
 *   GET /            an HTML page
 *   GET /bytes/N     N bytes of a fixed pattern (byte i is i % 251)
 *   POST /echo       the request body back
 *   GET /stats       requests and connections served so far, as text
 * HEAD works on all GET paths; anything else is 404, 405 or 400.
 */

#define MAX_CLIENTS 512
#define REQ_MAX 8192
#define BODY_MAX (1 << 20)
#define BYTES_MAX (64L << 20)

struct client {
    int fd;
    time_t last;
    char req[REQ_MAX];
    size_t req_len;
    char *in_body;    /* POST body being received */
    size_t body_need; /* its Content-Length */
    size_t body_have;
    char head[1024]; /* response head being sent */
    size_t head_len, head_off;
    char *out;     /* response body held in memory */
    long gen_left; /* or: pattern bytes still to send */
    long gen_pos;
    size_t out_len, out_off;
    int keep_alive;
    int head_only;
};

static struct client clients[MAX_CLIENTS];
static int verbose;
static long n_requests, n_connections;
static int idle_timeout = 30;

static const char index_page[] =
    "<!DOCTYPE html>\n<html><head><title>webserv</title></head>\n"
    "<body><h1>webserv</h1>\n"
    "<p>A small HTTP server: <a href=\"/bytes/1024\">/bytes/N</a>, "
    "POST /echo, <a href=\"/stats\">/stats</a>.</p>\n</body></html>\n";

static void usage(const char *prog)
{
    fprintf(stderr, "usage: %s [-p PORT] [-t IDLE_SECONDS] [-v]\n", prog);
    exit(2);
}

static int set_nonblock(int fd)
{
    int fl = fcntl(fd, F_GETFL, 0);

    if (fl < 0)
        return -1;
    return fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

static int listen_on(int port)
{
    struct sockaddr_in sa;
    int fd, one = 1;

    fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        perror("socket");
        return -1;
    }
    if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0)
        perror("setsockopt(SO_REUSEADDR)");
    memset(&sa, 0, sizeof(sa));
    sa.sin_family = AF_INET;
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    sa.sin_port = htons(port);
    if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
        perror("bind");
        close(fd);
        return -1;
    }
    if (listen(fd, SOMAXCONN) < 0 || set_nonblock(fd) < 0) {
        perror("listen");
        close(fd);
        return -1;
    }
    return fd;
}

static void drop(struct client *c)
{
    close(c->fd);
    free(c->in_body);
    free(c->out);
    memset(c, 0, sizeof(*c));
    c->fd = -1;
}

static void http_date(char *buf, size_t n)
{
    time_t now = time(NULL);
    struct tm tm;

    gmtime_r(&now, &tm);
    strftime(buf, n, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

/* Starts a response: the head, and a body either in memory or generated. */
static void respond(struct client *c, int code, const char *reason,
                    const char *type, const char *body, long len)
{
    char date[64];

    http_date(date, sizeof(date));
    c->head_len = (size_t)snprintf(
        c->head, sizeof(c->head),
        "HTTP/1.1 %d %s\r\nServer: webserv/1.0\r\nDate: %s\r\n"
        "Content-Type: %s\r\nContent-Length: %ld\r\nConnection: %s\r\n\r\n",
        code, reason, date, type, len, c->keep_alive ? "keep-alive" : "close");
    c->head_off = 0;
    c->out_len = c->out_off = 0;
    c->gen_left = c->gen_pos = 0;
    if (c->head_only)
        return;
    if (body != NULL) {
        c->out = malloc(len > 0 ? (size_t)len : 1);
        if (c->out == NULL) {
            c->keep_alive = 0;
            return;
        }
        memcpy(c->out, body, (size_t)len);
        c->out_len = (size_t)len;
    } else {
        c->gen_left = len;
    }
}

static void error_page(struct client *c, int code, const char *reason)
{
    char body[256];
    int n =
        snprintf(body, sizeof(body),
                 "<html><body><h1>%d %s</h1></body></html>\n", code, reason);

    respond(c, code, reason, "text/html", body, n);
}

static const char *header(const char *head, const char *name)
{
    size_t n = strlen(name);
    const char *p = strstr(head, "\r\n");

    while (p != NULL && p[2] != '\r') {
        p += 2;
        if (strncasecmp(p, name, n) == 0 && p[n] == ':') {
            p += n + 1;
            while (*p == ' ' || *p == '\t')
                p++;
            return p;
        }
        p = strstr(p, "\r\n");
    }
    return NULL;
}

static int header_is(const char *head, const char *name, const char *value)
{
    const char *v = header(head, name);

    return v != NULL && strncasecmp(v, value, strlen(value)) == 0;
}

static void route(struct client *c, const char *method, const char *path)
{
    char text[256];
    char *end;
    long n;

    if (strcmp(path, "/echo") == 0) {
        if (strcmp(method, "POST") != 0) {
            error_page(c, 405, "Method Not Allowed");
            return;
        }
        respond(c, 200, "OK", "application/octet-stream", c->in_body,
                (long)c->body_have);
        return;
    }
    if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0) {
        error_page(c, 405, "Method Not Allowed");
        return;
    }
    c->head_only = strcmp(method, "HEAD") == 0;
    if (strcmp(path, "/") == 0 || strcmp(path, "/index.html") == 0) {
        respond(c, 200, "OK", "text/html", index_page,
                (long)sizeof(index_page) - 1);
    } else if (strncmp(path, "/bytes/", 7) == 0 &&
               isdigit((unsigned char)path[7])) {
        errno = 0;
        n = strtol(path + 7, &end, 10);
        if (*end != '\0' || errno != 0 || n > BYTES_MAX)
            error_page(c, 400, "Bad Request");
        else
            respond(c, 200, "OK", "application/octet-stream", NULL, n);
    } else if (strcmp(path, "/stats") == 0) {
        n = snprintf(text, sizeof(text), "requests %ld\nconnections %ld\n",
                     n_requests, n_connections);
        respond(c, 200, "OK", "text/plain", text, n);
    } else {
        error_page(c, 404, "Not Found");
    }
}

/* A whole request is in: answer it. */
static void handle(struct client *c)
{
    char method[16], path[1024], version[16];

    n_requests++;
    c->head_only = 0;
    if (sscanf(c->req, "%15s %1023s %15s", method, path, version) != 3 ||
        strncmp(version, "HTTP/1.", 7) != 0) {
        c->keep_alive = 0;
        error_page(c, 400, "Bad Request");
        return;
    }
    if (strcmp(version, "HTTP/1.0") == 0)
        c->keep_alive = header_is(c->req, "Connection", "keep-alive");
    else
        c->keep_alive = !header_is(c->req, "Connection", "close");
    if (verbose)
        printf("webserv: %s %s %s\n", method, path, version);
    route(c, method, path);
}

/* The end of the request head in c->req, or NULL if not all of it is in. */
static char *head_end(struct client *c)
{
    c->req[c->req_len] = '\0';
    return strstr(c->req, "\r\n\r\n");
}

/* A head is in: read its Content-Length, start collecting the body. */
static int start_body(struct client *c, char *end)
{
    size_t head = (size_t)(end + 4 - c->req);
    const char *cl = header(c->req, "Content-Length");
    long len = cl != NULL ? strtol(cl, NULL, 10) : 0;
    size_t extra = c->req_len - head;

    if (len < 0 || len > BODY_MAX)
        return -1;
    c->body_need = (size_t)len;
    c->body_have = 0;
    c->in_body = malloc(len > 0 ? (size_t)len : 1);
    if (c->in_body == NULL)
        return -1;
    if (extra > c->body_need) /* pipelining is not supported */
        return -1;
    memcpy(c->in_body, c->req + head, extra);
    c->body_have = extra;
    c->req_len = head;
    c->req[head] = '\0';
    return 0;
}

static void on_readable(struct client *c)
{
    ssize_t n;
    char *end;

    if (c->in_body != NULL)
        n = read(c->fd, c->in_body + c->body_have, c->body_need - c->body_have);
    else
        n = read(c->fd, c->req + c->req_len, REQ_MAX - 1 - c->req_len);
    if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
        return;
    if (n <= 0) {
        drop(c);
        return;
    }
    c->last = time(NULL);
    if (c->in_body != NULL) {
        c->body_have += (size_t)n;
    } else {
        c->req_len += (size_t)n;
        end = head_end(c);
        if (end == NULL) {
            if (c->req_len == REQ_MAX - 1)
                drop(c);
            return;
        }
        if (start_body(c, end) < 0) {
            drop(c);
            return;
        }
    }
    if (c->body_have == c->body_need)
        handle(c);
}

/* Fills buf with the pattern from position pos. */
static void pattern(char *buf, size_t n, long pos)
{
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)((pos + (long)i) % 251);
}

/* Sends what it can; 1 when the whole response is out. */
static int send_some(struct client *c)
{
    char chunk[16384];
    ssize_t n;
    size_t len;

    while (c->head_off < c->head_len) {
        n = write(c->fd, c->head + c->head_off, c->head_len - c->head_off);
        if (n < 0)
            return errno == EAGAIN || errno == EINTR ? 0 : -1;
        c->head_off += (size_t)n;
    }
    while (c->out_off < c->out_len) {
        n = write(c->fd, c->out + c->out_off, c->out_len - c->out_off);
        if (n < 0)
            return errno == EAGAIN || errno == EINTR ? 0 : -1;
        c->out_off += (size_t)n;
    }
    while (c->gen_left > 0) {
        len = c->gen_left < (long)sizeof(chunk) ? (size_t)c->gen_left
                                                : sizeof(chunk);
        pattern(chunk, len, c->gen_pos);
        n = write(c->fd, chunk, len);
        if (n < 0)
            return errno == EAGAIN || errno == EINTR ? 0 : -1;
        c->gen_pos += n;
        c->gen_left -= n;
    }
    return 1;
}

static int responding(const struct client *c)
{
    return c->head_len > 0;
}

static void on_writable(struct client *c)
{
    int r = send_some(c);

    if (r < 0 || (r == 1 && !c->keep_alive)) {
        drop(c);
        return;
    }
    if (r == 0)
        return;
    c->last = time(NULL);
    free(c->in_body);
    free(c->out);
    c->in_body = c->out = NULL;
    c->head_len = c->head_off = 0;
    c->req_len = 0;
    c->body_need = c->body_have = 0;
}

static void on_accept(int lfd)
{
    struct sockaddr_in peer;
    socklen_t len = sizeof(peer);
    int fd, one = 1, i;

    fd = accept(lfd, (struct sockaddr *)&peer, &len);
    if (fd < 0)
        return;
    for (i = 0; i < MAX_CLIENTS && clients[i].fd >= 0; i++)
        ;
    if (i == MAX_CLIENTS || fd >= FD_SETSIZE || set_nonblock(fd) < 0) {
        close(fd);
        return;
    }
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
    n_connections++;
    memset(&clients[i], 0, sizeof(clients[i]));
    clients[i].fd = fd;
    clients[i].last = time(NULL);
    if (verbose)
        printf("webserv: connection from %s:%d\n", inet_ntoa(peer.sin_addr),
               ntohs(peer.sin_port));
}

static void serve(int lfd)
{
    fd_set rd, wr;
    struct timeval tv;
    int maxfd, i;
    time_t now;

    for (;;) {
        FD_ZERO(&rd);
        FD_ZERO(&wr);
        FD_SET(lfd, &rd);
        maxfd = lfd;
        for (i = 0; i < MAX_CLIENTS; i++) {
            if (clients[i].fd < 0)
                continue;
            if (responding(&clients[i]))
                FD_SET(clients[i].fd, &wr);
            else
                FD_SET(clients[i].fd, &rd);
            if (clients[i].fd > maxfd)
                maxfd = clients[i].fd;
        }
        tv.tv_sec = 1;
        tv.tv_usec = 0;
        if (select(maxfd + 1, &rd, &wr, NULL, &tv) < 0) {
            if (errno == EINTR)
                continue;
            perror("select");
            exit(1);
        }
        if (FD_ISSET(lfd, &rd))
            on_accept(lfd);
        now = time(NULL);
        for (i = 0; i < MAX_CLIENTS; i++) {
            struct client *c = &clients[i];

            if (c->fd < 0)
                continue;
            if (FD_ISSET(c->fd, &rd))
                on_readable(c);
            else if (FD_ISSET(c->fd, &wr))
                on_writable(c);
            else if (now - c->last > idle_timeout)
                drop(c);
        }
    }
}

int main(int argc, char **argv)
{
    int port = 8080, opt, lfd, i;

    while ((opt = getopt(argc, argv, "p:t:v")) != -1) {
        switch (opt) {
        case 'p':
            port = atoi(optarg);
            break;
        case 't':
            idle_timeout = atoi(optarg);
            break;
        case 'v':
            verbose = 1;
            break;
        default:
            usage(argv[0]);
        }
    }
    if (optind != argc || port <= 0 || port > 65535 || idle_timeout <= 0)
        usage(argv[0]);
    signal(SIGPIPE, SIG_IGN);
    setvbuf(stdout, NULL, _IOLBF, 0);
    for (i = 0; i < MAX_CLIENTS; i++)
        clients[i].fd = -1;
    lfd = listen_on(port);
    if (lfd < 0)
        return 1;
    printf("webserv: serving http on port %d\n", port);
    serve(lfd);
    return 0;
}
