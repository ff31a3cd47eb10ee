/* Kiln example: an HTTP/1.1 server (the same source builds on Linux). */
#define _POSIX_C_SOURCE 200809L
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_CLIENTS 4096
#define REQ_MAX 8192

static const char page[] =
    "<!DOCTYPE html>\n"
    "<html><head><title>Kiln</title></head>\n"
    "<body><h1>Hello from a Kiln unikernel</h1>\n"
    "<p>This page was served by examples/http over BSD sockets.</p>\n"
    "</body></html>\n";
static const char not_found[] = "not found\n";
static const char bad_request[] = "bad request\n";

/* A connection: the request bytes read so far, the response being sent. */
struct client {
    char req[REQ_MAX];
    size_t req_len;
    char head[256];
    size_t head_len;
    const char *body;
    size_t body_len, sent;
    int close_after;
};

static struct pollfd pfd[MAX_CLIENTS + 1];
static struct client *clients[MAX_CLIENTS + 1];
static nfds_t npfd;

static int nonblocking(int fd)
{
    int fl = fcntl(fd, F_GETFL);

    return fl < 0 ? -1 : fcntl(fd, F_SETFL, fl | O_NONBLOCK);
}

/* Does the header block hdr (NUL-ended) have "name: value" (any case)? */
static int has_header(const char *hdr, const char *name, const char *value)
{
    size_t nl = strlen(name), vl = strlen(value);

    for (const char *l = strstr(hdr, "\r\n"); l != NULL;
         l = strstr(l + 2, "\r\n")) {
        const char *p = l + 2;
        size_t i;

        for (i = 0; i < nl && tolower((unsigned char)p[i]) == name[i]; i++)
            ;
        if (i < nl || p[nl] != ':')
            continue;
        for (p += nl + 1; *p == ' ' || *p == '\t'; p++)
            ;
        for (i = 0; i < vl && tolower((unsigned char)p[i]) == value[i]; i++)
            ;
        if (i == vl)
            return 1;
    }
    return 0;
}

/* Sets c's response to status with body (or only its length for HEAD). */
static void respond(struct client *c, const char *status, const char *type,
                    const char *body, size_t len, int head_only)
{
    c->head_len = (size_t)snprintf(
        c->head, sizeof(c->head),
        "HTTP/1.1 %s\r\nServer: kiln-http\r\nContent-Type: %s\r\n"
        "Content-Length: %zu\r\nConnection: %s\r\n\r\n",
        status, type, len, c->close_after ? "close" : "keep-alive");
    c->body = head_only ? NULL : body;
    c->body_len = head_only ? 0 : len;
    c->sent = 0;
}

/* Answers the request of hdr_len bytes at the start of c->req. */
static void handle(struct client *c, size_t hdr_len)
{
    char method[8], path[256], version[16];
    int head;

    c->req[hdr_len - 2] = '\0'; /* the header block ends at its last CRLF */
    if (sscanf(c->req, "%7s %255s %15s", method, path, version) != 3 ||
        strncmp(version, "HTTP/1.", 7) != 0) {
        c->close_after = 1;
        respond(c, "400 Bad Request", "text/plain", bad_request,
                sizeof(bad_request) - 1, 0);
        return;
    }
    c->close_after = has_header(c->req, "connection", "close") ||
                     (strcmp(version, "HTTP/1.0") == 0 &&
                      !has_header(c->req, "connection", "keep-alive"));
    head = strcmp(method, "HEAD") == 0;
    if (!head && strcmp(method, "GET") != 0) {
        c->close_after = 1;
        respond(c, "501 Not Implemented", "text/plain", bad_request,
                sizeof(bad_request) - 1, 0);
    } else if (strcmp(path, "/") == 0 || strcmp(path, "/index.html") == 0) {
        respond(c, "200 OK", "text/html", page, sizeof(page) - 1, head);
    } else {
        respond(c, "404 Not Found", "text/plain", not_found,
                sizeof(not_found) - 1, head);
    }
}

/* Starts the next whole request in c->req, if there is one; 1 if so. */
static int next_request(struct client *c)
{
    char *end;
    size_t n;

    c->req[c->req_len] = '\0';
    end = strstr(c->req, "\r\n\r\n");
    if (end == NULL)
        return 0;
    n = (size_t)(end - c->req) + 4;
    handle(c, n);
    memmove(c->req, c->req + n, c->req_len - n);
    c->req_len -= n;
    return 1;
}

/* Sends what is left of the response; 1 when all of it is gone, -1 on error. */
static int send_response(int fd, struct client *c)
{
    while (c->sent < c->head_len + c->body_len) {
        const char *p = c->sent < c->head_len ? c->head + c->sent
                                              : c->body + c->sent - c->head_len;
        size_t left = c->sent < c->head_len
                          ? c->head_len - c->sent
                          : c->head_len + c->body_len - c->sent;
        ssize_t n = write(fd, p, left);

        if (n < 0)
            return errno == EAGAIN || errno == EWOULDBLOCK ? 0 : -1;
        c->sent += (size_t)n;
    }
    c->head_len = c->body_len = c->sent = 0;
    return 1;
}

/* Moves connection i on; -1 when it is to be closed. */
static int serve(nfds_t i)
{
    struct client *c = clients[i];

    for (;;) {
        if (c->head_len > 0) {
            int r = send_response(pfd[i].fd, c);

            if (r < 0 || (r > 0 && c->close_after))
                return -1;
            if (r == 0) {
                pfd[i].events = POLLOUT;
                return 0;
            }
        }
        if (next_request(c))
            continue;
        if (c->req_len == REQ_MAX - 1)
            return -1; /* a request header too large */
        ssize_t n =
            read(pfd[i].fd, c->req + c->req_len, REQ_MAX - 1 - c->req_len);
        if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
            return -1;
        if (n < 0) {
            pfd[i].events = POLLIN;
            return 0;
        }
        c->req_len += (size_t)n;
    }
}

static void drop(nfds_t i)
{
    close(pfd[i].fd);
    free(clients[i]);
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
                perror("http: accept");
            return;
        }
        if (npfd == MAX_CLIENTS + 1 || nonblocking(fd) < 0 ||
            (clients[npfd] = calloc(1, sizeof(struct client))) == NULL) {
            close(fd);
            continue;
        }
        pfd[npfd++] = (struct pollfd){.fd = fd, .events = POLLIN};
    }
}

int main(int argc, char **argv)
{
    struct sockaddr_in sa = {.sin_family = AF_INET};
    int port = argc > 1 ? atoi(argv[1]) : 80, one = 1;
    int lfd = socket(AF_INET, SOCK_STREAM, 0);

    sa.sin_port = htons((unsigned short)port);
    sa.sin_addr.s_addr = htonl(INADDR_ANY);
    if (lfd < 0 ||
        setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)) < 0 ||
        /* accepted connections inherit it: a response's head and body go out
           at once, not the body after the client's delayed ACK of the head */
        setsockopt(lfd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)) < 0 ||
        bind(lfd, (struct sockaddr *)&sa, sizeof(sa)) < 0 ||
        listen(lfd, SOMAXCONN) < 0 || nonblocking(lfd) < 0) {
        perror("http: listen");
        return 1;
    }
    pfd[0] = (struct pollfd){.fd = lfd, .events = POLLIN};
    npfd = 1;
    printf("http: serving on port %d\n", port);
    fflush(stdout);
    for (;;) {
        if (poll(pfd, npfd, -1) < 0) {
            perror("http: poll");
            return 1;
        }
        if (pfd[0].revents & POLLIN)
            accept_all(lfd);
        for (nfds_t i = npfd; i-- > 1;) {
            if (pfd[i].revents != 0 && serve(i) < 0)
                drop(i);
        }
    }
}
