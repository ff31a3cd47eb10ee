/* Kiln network layer: text forms of IPv4 and IPv6 addresses (arpa/inet.h). */
#include <arpa/inet.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>

const struct in6_addr in6addr_any = IN6ADDR_ANY_INIT;
const struct in6_addr in6addr_loopback = IN6ADDR_LOOPBACK_INIT;

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int hex_value(char c)
{
    if (is_digit(c))
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Dotted quad, four decimal parts 0-255 without leading zeros, up to end. */
static int pton4(const char *s, const char *end, uint8_t out[4])
{
    int parts = 0;

    while (parts < 4) {
        unsigned v = 0;
        const char *start = s;

        while (s < end && is_digit(*s) && s - start < 3)
            v = v * 10 + (unsigned)(*s++ - '0');
        if (s == start || v > 255 || (s - start > 1 && *start == '0'))
            return 0;
        out[parts++] = (uint8_t)v;
        if (parts < 4 && (s >= end || *s++ != '.'))
            return 0;
    }
    return s == end;
}

/* Eight groups of up to four hex digits, one "::", an IPv4 tail allowed. */
static int pton6(const char *s, uint8_t out[16])
{
    const char *end = s + strlen(s);
    uint8_t buf[16] = {0};
    int n = 0, gap = -1;

    if (s[0] == ':' && s[1] == ':') {
        gap = 0;
        s += 2;
    } else if (s[0] == ':') {
        return 0;
    }
    while (s < end) {
        const char *start = s;
        unsigned v = 0;

        while (s < end && hex_value(*s) >= 0 && s - start < 4)
            v = v << 4 | (unsigned)hex_value(*s++);
        if (s < end && *s == '.' && n <= 12) {
            if (!pton4(start, end, buf + n))
                return 0;
            n += 4;
            s = end;
            break;
        }
        if (s == start || n > 14)
            return 0;
        buf[n++] = (uint8_t)(v >> 8);
        buf[n++] = (uint8_t)v;
        if (s == end)
            break;
        if (*s++ != ':' || s == end)
            return 0;
        if (*s == ':') {
            if (gap >= 0)
                return 0;
            gap = n;
            s++;
        }
    }
    if (gap >= 0) {
        if (n == 16)
            return 0;
        memmove(buf + 16 - (n - gap), buf + gap, (size_t)(n - gap));
        memset(buf + gap, 0, (size_t)(16 - n));
    } else if (n != 16) {
        return 0;
    }
    memcpy(out, buf, 16);
    return 1;
}

int inet_pton(int af, const char *src, void *dst)
{
    if (af == AF_INET)
        return pton4(src, src + strlen(src), dst);
    if (af == AF_INET6)
        return pton6(src, dst);
    errno = EAFNOSUPPORT;
    return -1;
}

static const char *copy_out(const char *text, char *dst, socklen_t size)
{
    if (strlen(text) >= size) {
        errno = ENOSPC;
        return NULL;
    }
    return strcpy(dst, text);
}

static void ntop4(const uint8_t *a, char *out, size_t size)
{
    snprintf(out, size, "%u.%u.%u.%u", a[0], a[1], a[2], a[3]);
}

/* The longest run of two or more zero groups (the first of equals), or -1. */
static int zero_run(const unsigned w[8], int *len)
{
    int best = -1, best_len = 0;

    for (int i = 0; i < 8;) {
        int j = i;

        while (j < 8 && w[j] == 0)
            j++;
        if (j - i > best_len && j - i >= 2) {
            best = i;
            best_len = j - i;
        }
        i = j > i ? j : i + 1;
    }
    *len = best_len;
    return best;
}

/* RFC 5952 text; IPv4-mapped and IPv4-compatible addresses end dotted. */
static void ntop6(const uint8_t *a, char *out, size_t size)
{
    unsigned w[8];
    int len, run;
    size_t o = 0;

    for (int i = 0; i < 8; i++)
        w[i] = (unsigned)a[2 * i] << 8 | a[2 * i + 1];
    run = zero_run(w, &len);
    for (int i = 0; i < 8; i++) {
        if (i == run) {
            o += (size_t)snprintf(out + o, size - o, "%s", i == 0 ? "::" : ":");
            i += len - 1;
            continue;
        }
        if (i == 6 && run == 0 && (len == 6 || (len == 5 && w[5] == 0xffff))) {
            ntop4(a + 12, out + o, size - o);
            return;
        }
        o +=
            (size_t)snprintf(out + o, size - o, "%x%s", w[i], i < 7 ? ":" : "");
    }
}

const char *inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
    char text[INET6_ADDRSTRLEN + 8];

    if (af == AF_INET)
        ntop4(src, text, sizeof(text));
    else if (af == AF_INET6)
        ntop6(src, text, sizeof(text));
    else {
        errno = EAFNOSUPPORT;
        return NULL;
    }
    return copy_out(text, dst, size);
}

/* One part of the classic form: decimal, octal (0...) or hex (0x...). */
static const char *aton_part(const char *s, unsigned long *v)
{
    unsigned base = 10;
    const char *start;

    if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s += 2;
    } else if (s[0] == '0') {
        base = 8;
    }
    start = s;
    *v = 0;
    for (; hex_value(*s) >= 0 && (unsigned)hex_value(*s) < base; s++) {
        *v = *v * base + (unsigned)hex_value(*s);
        if (*v > 0xffffffffUL)
            return NULL;
    }
    return s == start ? NULL : s;
}

int inet_aton(const char *src, struct in_addr *dst)
{
    unsigned long part[4], v;
    int n = 0;

    for (;;) {
        src = aton_part(src, &part[n]);
        if (src == NULL)
            return 0;
        n++;
        if (*src != '.' || n == 4)
            break;
        src++;
    }
    if (*src != '\0' && *src != ' ')
        return 0;
    /* a, a.b (8.24), a.b.c (8.8.16), a.b.c.d */
    v = part[n - 1];
    for (int i = 0; i < n - 1; i++) {
        if (part[i] > 255)
            return 0;
        v |= part[i] << (24 - 8 * i);
    }
    if (v > 0xffffffffUL || (n > 1 && part[n - 1] >> (8 * (5 - n)) != 0))
        return 0;
    if (dst != NULL)
        dst->s_addr = htonl((uint32_t)v);
    return 1;
}

in_addr_t inet_addr(const char *src)
{
    struct in_addr a;

    return inet_aton(src, &a) ? a.s_addr : INADDR_NONE;
}

char *inet_ntoa(struct in_addr in)
{
    static char text[INET_ADDRSTRLEN];

    ntop4((const uint8_t *)&in.s_addr, text, sizeof(text));
    return text;
}
