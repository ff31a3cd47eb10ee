/* Sends COUNT ICMP echo requests; waits, up to a deadline, for every reply. */
#define _GNU_SOURCE /* ppoll */
#include <arpa/inet.h>
#include <err.h>
#include <linux/filter.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <poll.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define MAX_COUNT 65536 /* sequence numbers are 16 bits */
#define MAX_SIZE 65000

/*
 * ping(8) waits for late replies only twice the largest round trip it saw,
 * however long -W is, so one reply slowed down on a loaded machine counts as
 * lost; and with -w it sends more than COUNT. This waits for each of COUNT.
 */

static uint64_t now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000 + (uint64_t)ts.tv_nsec / 1000;
}

static uint16_t checksum(const uint8_t *p, size_t len)
{
    uint32_t sum = 0;

    for (size_t i = 0; i + 1 < len; i += 2)
        sum += (uint32_t)p[i] << 8 | p[i + 1];
    if (len % 2)
        sum += (uint32_t)p[len - 1] << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return htons((uint16_t)~sum);
}

/* The payload of request seq: its bytes differ from the next request's. */
static void payload(uint8_t *p, size_t size, unsigned seq)
{
    for (size_t i = 0; i < size; i++)
        p[i] = (uint8_t)(seq * 31 + i);
}

struct state {
    int fd;
    uint16_t id;
    size_t size;
    unsigned count, received, dups, bad;
    uint8_t *seen;
};

static void send_one(struct state *s, const struct sockaddr_in *to,
                     unsigned seq)
{
    static uint8_t pkt[sizeof(struct icmphdr) + MAX_SIZE];
    struct icmphdr *h = (struct icmphdr *)pkt;
    size_t len = sizeof *h + s->size;

    memset(h, 0, sizeof *h);
    h->type = ICMP_ECHO;
    h->un.echo.id = htons(s->id);
    h->un.echo.sequence = htons((uint16_t)seq);
    payload(pkt + sizeof *h, s->size, seq);
    h->checksum = checksum(pkt, len);
    if (sendto(s->fd, pkt, len, 0, (const struct sockaddr *)to, sizeof *to) !=
        (ssize_t)len)
        err(2, "sendto");
}

/* Reads every reply waiting; counts ours by sequence number. */
static void receive(struct state *s)
{
    static uint8_t buf[65536], want[MAX_SIZE];
    ssize_t n;

    while ((n = recv(s->fd, buf, sizeof buf, MSG_DONTWAIT)) > 0) {
        const struct iphdr *ip = (const struct iphdr *)buf;
        size_t hl = (size_t)ip->ihl * 4;
        const struct icmphdr *h = (const struct icmphdr *)(buf + hl);
        unsigned seq;

        if ((size_t)n < hl + sizeof *h || h->type != ICMP_ECHOREPLY ||
            ntohs(h->un.echo.id) != s->id)
            continue; /* not a reply to us */
        seq = ntohs(h->un.echo.sequence);
        payload(want, s->size, seq);
        if (seq >= s->count || (size_t)n != hl + sizeof *h + s->size ||
            memcmp(buf + hl + sizeof *h, want, s->size) != 0) {
            s->bad++;
            continue;
        }
        if (s->seen[seq]++)
            s->dups++;
        else
            s->received++;
    }
}

/* Waits for replies until at (us), or until want of them came. */
static void wait_until(struct state *s, uint64_t at, unsigned want)
{
    struct pollfd p = {.fd = s->fd, .events = POLLIN};

    for (uint64_t t = now_us(); t < at && s->received < want; t = now_us()) {
        struct timespec left = {.tv_sec = (time_t)((at - t) / 1000000),
                                .tv_nsec = (long)((at - t) % 1000000) * 1000};
        ppoll(&p, 1, &left, NULL);
        receive(s);
    }
    receive(s);
}

/* Only echo replies with our id reach the socket (two pingcounts may run at
 * once), and it has room for a burst of them. */
static void only_ours(int fd, uint16_t id)
{
    struct sock_filter code[] = {
        BPF_STMT(BPF_LDX | BPF_B | BPF_MSH, 0), /* x = IP header length */
        BPF_STMT(BPF_LD | BPF_B | BPF_IND, 0),  /* ICMP type */
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, ICMP_ECHOREPLY, 0, 3),
        BPF_STMT(BPF_LD | BPF_H | BPF_IND, 4), /* echo id */
        BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, id, 0, 1),
        BPF_STMT(BPF_RET | BPF_K, 0xffffffffU),
        BPF_STMT(BPF_RET | BPF_K, 0),
    };
    struct sock_fprog prog = {.len = sizeof code / sizeof code[0],
                              .filter = code};
    int size = 8 << 20;

    if (setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &prog, sizeof prog) != 0)
        err(2, "SO_ATTACH_FILTER");
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof size) != 0)
        (void)setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
}

/* usage: pingcount ADDR COUNT SIZE INTERVAL_US TIMEOUT_S; exits 0 if each
 * request got exactly one intact reply, the first within TIMEOUT_S, the rest
 * within TIMEOUT_S of the last request. */
int main(int argc, char **argv)
{
    struct sockaddr_in to = {.sin_family = AF_INET};
    struct state s = {.id = (uint16_t)getpid()};
    unsigned interval, timeout;
    uint64_t deadline;

    if (argc != 6 || inet_pton(AF_INET, argv[1], &to.sin_addr) != 1)
        errx(2, "usage: pingcount ADDR COUNT SIZE INTERVAL_US TIMEOUT_S");
    s.count = (unsigned)atoi(argv[2]);
    s.size = (size_t)atoi(argv[3]);
    interval = (unsigned)atoi(argv[4]);
    timeout = (unsigned)atoi(argv[5]);
    if (s.count == 0 || s.count > MAX_COUNT || s.size > MAX_SIZE)
        errx(2, "COUNT must be 1 to %d, SIZE at most %d", MAX_COUNT, MAX_SIZE);
    s.seen = calloc(s.count, 1);
    s.fd = socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
    if (s.seen == NULL || s.fd < 0)
        err(2, "raw ICMP socket");
    only_ours(s.fd, s.id);
    deadline = (uint64_t)timeout * 1000000;
    /* The first request waits for its reply, which resolves the address:
     * the kernel keeps only so many packets waiting for ARP. */
    send_one(&s, &to, 0);
    wait_until(&s, now_us() + deadline, 1);
    for (unsigned seq = 1; seq < s.count; seq++) {
        /* From the last send, not the planned one: a late start sends no
         * burst. */
        wait_until(&s, now_us() + interval, s.count);
        send_one(&s, &to, seq);
    }
    wait_until(&s, now_us() + deadline, s.count);
    printf("%u transmitted, %u received, %u duplicates, %u bad", s.count,
           s.received, s.dups, s.bad);
    for (unsigned seq = 0, shown = 0; seq < s.count && shown < 8; seq++)
        if (!s.seen[seq])
            printf("%s %u", shown++ ? "" : "; no reply to", seq);
    printf("\n");
    return s.received == s.count && s.dups == 0 && s.bad == 0 ? 0 : 1;
}
