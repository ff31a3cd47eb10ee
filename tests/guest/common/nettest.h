/* A minimal ARP and ICMP echo responder shared by the network test guests. */
#ifndef KILN_NETTEST_H
#define KILN_NETTEST_H

#include "solo5.h"

/* One network interface of a test guest. */
struct netif {
    const char *name;
    solo5_handle_t h;
    struct solo5_net_info info;
    uint8_t ip[4];
    uint64_t replies; /* ICMP echo replies sent */
};

static inline void nt_puts(const char *s)
{
    size_t n = 0;

    while (s[n])
        n++;
    solo5_console_write(s, n);
}

static inline void nt_putu(uint64_t v)
{
    char buf[21];
    int i = 20;

    buf[i] = '\0';
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    nt_puts(buf + i);
}

static inline void nt_fail(const char *why)
{
    nt_puts("FAILURE: ");
    nt_puts(why);
    nt_puts("\n");
    solo5_exit(SOLO5_EXIT_FAILURE);
}

static inline void nt_copy(uint8_t *d, const uint8_t *s, size_t n)
{
    while (n--)
        *d++ = *s++;
}

static inline int nt_equal(const uint8_t *a, const uint8_t *b, size_t n)
{
    while (n--)
        if (*a++ != *b++)
            return 0;
    return 1;
}

/* Parses a decimal number; the whole string must be digits. */
static inline uint64_t nt_atou(const char *s)
{
    uint64_t v = 0;

    for (; *s >= '0' && *s <= '9'; s++)
        v = v * 10 + (uint64_t)(*s - '0');
    return v;
}

/* The Internet checksum of n bytes. */
static inline uint16_t nt_cksum(const uint8_t *p, size_t n)
{
    uint32_t sum = 0;

    for (; n > 1; p += 2, n -= 2)
        sum += (uint32_t)(p[0] << 8 | p[1]);
    if (n)
        sum += (uint32_t)(p[0] << 8);
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

static inline uint16_t nt_be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static inline void nt_put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

/* Turns the frame around: destination becomes the sender, source is us. */
static inline void nt_reply_eth(struct netif *nif, uint8_t *f)
{
    nt_copy(f, f + 6, 6);
    nt_copy(f + 6, nif->info.mac_address, 6);
}

static inline void nt_send(struct netif *nif, const uint8_t *f, size_t len)
{
    if (solo5_net_write(nif->h, f, len) != SOLO5_R_OK)
        nt_fail("solo5_net_write");
}

/* ARP request for our address: answer it in place. */
static inline void nt_arp(struct netif *nif, uint8_t *f, size_t len)
{
    uint8_t *a = f + 14;

    if (len < 42 || nt_be16(a) != 1 || nt_be16(a + 2) != 0x0800 ||
        nt_be16(a + 6) != 1 || !nt_equal(a + 24, nif->ip, 4))
        return;
    nt_put16(a + 6, 2);
    nt_copy(a + 18, a + 8, 10); /* target := sender (mac, ip) */
    nt_copy(a + 8, nif->info.mac_address, 6);
    nt_copy(a + 14, nif->ip, 4);
    nt_reply_eth(nif, f);
    nt_send(nif, f, 42);
}

/* ICMP echo request to our address: answer it in place; 1 if answered. */
static inline int nt_icmp(struct netif *nif, uint8_t *f, size_t len)
{
    uint8_t *ip = f + 14, *icmp, tmp[4];
    size_t ihl, tot;

    if (len < 34 || (ip[0] >> 4) != 4 || ip[9] != 1 ||
        !nt_equal(ip + 16, nif->ip, 4))
        return 0;
    ihl = (size_t)(ip[0] & 15) * 4;
    tot = nt_be16(ip + 2);
    if (ihl < 20 || tot < ihl + 8 || 14 + tot > len)
        return 0;
    icmp = ip + ihl;
    if (icmp[0] != 8 || nt_cksum(icmp, tot - ihl) != 0)
        return 0;
    nt_copy(tmp, ip + 12, 4);
    nt_copy(ip + 12, ip + 16, 4);
    nt_copy(ip + 16, tmp, 4);
    icmp[0] = 0;
    nt_put16(icmp + 2, 0);
    nt_put16(icmp + 2, nt_cksum(icmp, tot - ihl));
    nt_reply_eth(nif, f);
    nt_send(nif, f, 14 + tot);
    nif->replies++;
    return 1;
}

/* Handles one received frame. */
static inline void nt_frame(struct netif *nif, uint8_t *f, size_t len)
{
    if (len < 14)
        nt_fail("runt frame");
    if (nt_be16(f + 12) == 0x0806)
        nt_arp(nif, f, len);
    else if (nt_be16(f + 12) == 0x0800)
        nt_icmp(nif, f, len);
}

/* Acquires interface name and sets its address to a.b.c.d. */
static inline void nt_open(struct netif *nif, const char *name, uint8_t a,
                           uint8_t b, uint8_t c, uint8_t d)
{
    nif->name = name;
    if (solo5_net_acquire(name, &nif->h, &nif->info) != SOLO5_R_OK)
        nt_fail("solo5_net_acquire");
    nif->ip[0] = a, nif->ip[1] = b, nif->ip[2] = c, nif->ip[3] = d;
    nif->replies = 0;
}

/* Reads every queued frame; a handle reported ready must yield one. */
static inline void nt_drain(struct netif *nif, uint8_t *buf, size_t size)
{
    size_t len;
    solo5_result_t rc = solo5_net_read(nif->h, buf, size, &len);

    if (rc != SOLO5_R_OK)
        nt_fail("ready handle had nothing to read");
    do {
        nt_frame(nif, buf, len);
        rc = solo5_net_read(nif->h, buf, size, &len);
    } while (rc == SOLO5_R_OK);
    if (rc != SOLO5_R_AGAIN)
        nt_fail("solo5_net_read");
}

/*
 * Serves n interfaces until each has sent limit[i] echo replies (0: forever).
 * Gives up after idle_s seconds without input, so a lost test cannot hang.
 */
static inline void nt_serve(struct netif *nif, int n, const uint64_t *limit,
                            uint8_t *buf, size_t size, uint64_t idle_s)
{
    for (;;) {
        solo5_handle_set_t ready = 0;
        int done = 1;
        for (int i = 0; i < n; i++)
            if (!limit[i] || nif[i].replies < limit[i])
                done = 0;
        if (done)
            return;
        solo5_yield(solo5_clock_monotonic() + idle_s * 1000000000ULL, &ready);
        if (ready == 0)
            nt_fail("no input before the idle timeout");
        for (int i = 0; i < n; i++)
            if (ready & (1ULL << nif[i].h))
                nt_drain(&nif[i], buf, size);
    }
}

#endif /* KILN_NETTEST_H */
