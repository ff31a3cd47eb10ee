/* Kiln network layer: getaddrinfo and getnameinfo for numeric hosts. */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define AI_KNOWN                                                               \
    (AI_PASSIVE | AI_CANONNAME | AI_NUMERICHOST | AI_V4MAPPED | AI_ALL |       \
     AI_ADDRCONFIG | AI_NUMERICSERV)

/* One result and the address it points to, freed together. */
struct gai_entry {
    struct addrinfo ai;
    struct sockaddr_storage addr;
};

/* The port in service: -1 when it is not a decimal number below 65536. */
static long parse_port(const char *service)
{
    char *end;
    long v;

    if (service == NULL)
        return 0;
    if (service[0] < '0' || service[0] > '9')
        return -1;
    errno = 0;
    v = strtol(service, &end, 10);
    return *end != '\0' || errno != 0 || v > 65535 ? -1 : v;
}

/* The address of node in family (AF_UNSPEC: IPv4 first), or an EAI code. */
static int parse_host(const char *node, int flags, int *family,
                      struct sockaddr_storage *ss)
{
    struct sockaddr_in *in = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;

    memset(ss, 0, sizeof(*ss));
    if (node == NULL) {
        int passive = flags & AI_PASSIVE;

        if (*family == AF_INET6)
            in6->sin6_addr = passive ? in6addr_any : in6addr_loopback;
        else
            in->sin_addr.s_addr = htonl(passive ? INADDR_ANY : INADDR_LOOPBACK);
        *family = *family == AF_INET6 ? AF_INET6 : AF_INET;
        return 0;
    }
    if (*family != AF_INET6 && inet_pton(AF_INET, node, &in->sin_addr) == 1) {
        *family = AF_INET;
        return 0;
    }
    if (*family != AF_INET && inet_pton(AF_INET6, node, &in6->sin6_addr) == 1) {
        *family = AF_INET6;
        return 0;
    }
    /* No resolver: the one name every system knows. */
    if (!(flags & AI_NUMERICHOST) && strcmp(node, "localhost") == 0) {
        if (*family == AF_INET6)
            in6->sin6_addr = in6addr_loopback;
        else
            in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        *family = *family == AF_INET6 ? AF_INET6 : AF_INET;
        return 0;
    }
    return EAI_NONAME;
}

/* A result for one socket type, linked at *tail; 0 or EAI_MEMORY. */
static int add_entry(struct addrinfo ***tail, int family, int socktype,
                     const struct sockaddr_storage *ss, in_port_t port,
                     const char *canon)
{
    struct gai_entry *e = calloc(1, sizeof(*e));

    if (e == NULL)
        return EAI_MEMORY;
    e->addr = *ss;
    e->addr.ss_family = (sa_family_t)family;
    if (family == AF_INET)
        ((struct sockaddr_in *)&e->addr)->sin_port = port;
    else
        ((struct sockaddr_in6 *)&e->addr)->sin6_port = port;
    e->ai.ai_family = family;
    e->ai.ai_socktype = socktype;
    e->ai.ai_protocol = socktype == SOCK_STREAM ? IPPROTO_TCP : IPPROTO_UDP;
    e->ai.ai_addrlen = family == AF_INET ? sizeof(struct sockaddr_in)
                                         : sizeof(struct sockaddr_in6);
    e->ai.ai_addr = (struct sockaddr *)&e->addr;
    if (canon != NULL && (e->ai.ai_canonname = strdup(canon)) == NULL) {
        free(e);
        return EAI_MEMORY;
    }
    **tail = &e->ai;
    *tail = &e->ai.ai_next;
    return 0;
}

static int check_hints(const struct addrinfo *h)
{
    if (h->ai_flags & ~AI_KNOWN)
        return EAI_BADFLAGS;
    if (h->ai_family != AF_UNSPEC && h->ai_family != AF_INET &&
        h->ai_family != AF_INET6)
        return EAI_FAMILY;
    if (h->ai_socktype != 0 && h->ai_socktype != SOCK_STREAM &&
        h->ai_socktype != SOCK_DGRAM)
        return EAI_SOCKTYPE;
    return 0;
}

void freeaddrinfo(struct addrinfo *res)
{
    while (res != NULL) {
        struct addrinfo *next = res->ai_next;

        free(res->ai_canonname);
        free(res); /* the gai_entry it begins */
        res = next;
    }
}

int getaddrinfo(const char *node, const char *service,
                const struct addrinfo *hints, struct addrinfo **res)
{
    static const int types[] = {SOCK_STREAM, SOCK_DGRAM};
    struct addrinfo none = {0}, *head = NULL, **tail = &head;
    struct sockaddr_storage ss;
    int family, e;
    long port;

    hints = hints != NULL ? hints : &none;
    if ((e = check_hints(hints)) != 0)
        return e;
    if (node == NULL && service == NULL)
        return EAI_NONAME;
    if ((port = parse_port(service)) < 0)
        return hints->ai_flags & AI_NUMERICSERV ? EAI_NONAME : EAI_SERVICE;
    family = hints->ai_family;
    if ((e = parse_host(node, hints->ai_flags, &family, &ss)) != 0)
        return e;
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        if (hints->ai_socktype != 0 && hints->ai_socktype != types[i])
            continue;
        e = add_entry(&tail, family, types[i], &ss, htons((uint16_t)port),
                      head == NULL && (hints->ai_flags & AI_CANONNAME) ? node
                                                                       : NULL);
        if (e != 0) {
            freeaddrinfo(head);
            return e;
        }
    }
    *res = head;
    return 0;
}

const char *gai_strerror(int code)
{
    switch (code) {
    case 0:
        return "Success";
    case EAI_BADFLAGS:
        return "Bad value for ai_flags";
    case EAI_NONAME:
        return "Name or service not known";
    case EAI_AGAIN:
        return "Temporary failure in name resolution";
    case EAI_FAIL:
        return "Non-recoverable failure in name resolution";
    case EAI_FAMILY:
        return "ai_family not supported";
    case EAI_SOCKTYPE:
        return "ai_socktype not supported";
    case EAI_SERVICE:
        return "Servname not supported for ai_socktype";
    case EAI_MEMORY:
        return "Memory allocation failure";
    case EAI_SYSTEM:
        return "System error";
    case EAI_OVERFLOW:
        return "Argument buffer overflow";
    default:
        return "Unknown error";
    }
}

int getnameinfo(const struct sockaddr *sa, socklen_t salen, char *host,
                socklen_t hostlen, char *serv, socklen_t servlen, int flags)
{
    const void *addr;
    in_port_t port;

    if (sa->sa_family == AF_INET && salen >= sizeof(struct sockaddr_in)) {
        addr = &((const struct sockaddr_in *)sa)->sin_addr;
        port = ((const struct sockaddr_in *)sa)->sin_port;
    } else if (sa->sa_family == AF_INET6 &&
               salen >= sizeof(struct sockaddr_in6)) {
        addr = &((const struct sockaddr_in6 *)sa)->sin6_addr;
        port = ((const struct sockaddr_in6 *)sa)->sin6_port;
    } else {
        return EAI_FAMILY;
    }
    if (host != NULL && hostlen > 0) {
        if (flags & NI_NAMEREQD)
            return EAI_NONAME;
        if (inet_ntop(sa->sa_family, addr, host, hostlen) == NULL)
            return EAI_OVERFLOW;
    }
    if (serv != NULL && servlen > 0 &&
        (socklen_t)snprintf(serv, servlen, "%u", ntohs(port)) >= servlen)
        return EAI_OVERFLOW;
    return 0;
}
