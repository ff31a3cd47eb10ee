/* libFuzzer target: Ethernet frames into lwIP through Kiln's netif input. */
#include "fuzz_net.h"
#include "lwip/tcp.h"
#include "lwip/timeouts.h"
#include "lwip/udp.h"

/*
 * Two interfaces come up once, as a unikernel's would before main:
 * service0 with --ipv4:service0=10.0.0.2/24 and a gateway, service1 asking
 * DHCP; TCP and UDP echo servers listen on port 7. Then the input is a list
 * of operations, op & 3:
 *   0: a frame (u16 length, at most the bytes left) straight into
 *      net_if_frame of interface op bit 2;
 *   1: the same frame queued on the device, then one net_poll round;
 *   2: the clock advances u8 * 4 ms and lwIP's timers run;
 *   3: the echo servers close every connection they hold.
 * Every frame lwIP sends is read whole and must fit the device's MTU.
 * Before fuzzing, exhaustion_check fills the (tiny) pbuf pool with
 * fragments that are never completed: further frames must be dropped, and
 * once reassembly times out the stack must answer again.
 */

#define FZ_MAX_CONNS 16

static struct tcp_pcb *conns[FZ_MAX_CONNS];

/* Echoes what arrives; forgets the connection when it ends. */
static err_t echo_recv(void *arg, struct tcp_pcb *pcb, struct pbuf *p,
                       err_t err)
{
    (void)arg;
    (void)err;
    if (!p) {
        for (int i = 0; i < FZ_MAX_CONNS; i++)
            if (conns[i] == pcb)
                conns[i] = NULL;
        tcp_arg(pcb, NULL);
        tcp_recv(pcb, NULL);
        tcp_err(pcb, NULL);
        if (tcp_close(pcb) != ERR_OK) {
            tcp_abort(pcb);
            return ERR_ABRT;
        }
        return ERR_OK;
    }
    for (struct pbuf *q = p; q; q = q->next)
        tcp_write(pcb, q->payload, q->len, TCP_WRITE_FLAG_COPY);
    tcp_recved(pcb, p->tot_len);
    pbuf_free(p);
    return ERR_OK;
}

/* The connection is gone (reset, out of memory): forget it. */
static void echo_err(void *arg, err_t err)
{
    (void)err;
    conns[(intptr_t)arg] = NULL;
}

static err_t echo_accept(void *arg, struct tcp_pcb *pcb, err_t err)
{
    (void)arg;
    if (err != ERR_OK || !pcb)
        return ERR_VAL;
    for (intptr_t i = 0; i < FZ_MAX_CONNS; i++) {
        if (conns[i])
            continue;
        conns[i] = pcb;
        tcp_arg(pcb, (void *)i);
        tcp_recv(pcb, echo_recv);
        tcp_err(pcb, echo_err);
        return ERR_OK;
    }
    tcp_abort(pcb);
    return ERR_ABRT;
}

static void udp_echo(void *arg, struct udp_pcb *pcb, struct pbuf *p,
                     const ip_addr_t *addr, u16_t port)
{
    (void)arg;
    udp_sendto(pcb, p, addr, port);
    pbuf_free(p);
}

/* Closes every connection the echo server holds. */
static void close_all(void)
{
    for (int i = 0; i < FZ_MAX_CONNS; i++) {
        struct tcp_pcb *pcb = conns[i];

        if (!pcb)
            continue;
        conns[i] = NULL;
        tcp_arg(pcb, NULL);
        tcp_recv(pcb, NULL);
        tcp_err(pcb, NULL);
        if (tcp_close(pcb) != ERR_OK)
            tcp_abort(pcb);
    }
}

/* An Ethernet + IPv4 frame from 10.0.0.1 to 10.0.0.2 of len bytes in f. */
static void ipv4_frame(uint8_t *f, size_t len, uint8_t proto, uint16_t id,
                       uint16_t frag)
{
    static const uint8_t hdr[14] = {0x02, 0x4b, 0x49, 0x4c, 0x4e, 0x01, 0x02,
                                    0,    0,    0,    0,    0x99, 0x08, 0x00};
    size_t ip_len = len - 14;

    memset(f, 0, len);
    memcpy(f, hdr, sizeof hdr);
    f[14] = 0x45;
    f[16] = (uint8_t)(ip_len >> 8);
    f[17] = (uint8_t)ip_len;
    f[18] = (uint8_t)(id >> 8);
    f[19] = (uint8_t)id;
    f[20] = (uint8_t)(frag >> 8);
    f[21] = (uint8_t)frag;
    f[22] = 64;
    f[23] = proto;
    memcpy(f + 26, (const uint8_t[]){10, 0, 0, 1, 10, 0, 0, 2}, 8);
}

/* A frame that needs an answer: an echo request to 10.0.0.2. */
static int answered(void)
{
    uint8_t f[14 + 20 + 8 + 56];
    unsigned before = writes;

    ipv4_frame(f, sizeof f, 1, 1, 0);
    f[34] = 8;
    net_if_frame(&net_ifs[0], f, sizeof f);
    return writes > before;
}

static void exhaustion_check(void)
{
    uint8_t f[FZ_FRAME];
    int dropped = 0;

    /* fragments 0..7 of datagrams 100 and 101 (more fragments follow) */
    for (uint16_t id = 100; id < 102; id++)
        for (uint16_t k = 0; k < 8; k++) {
            ipv4_frame(f, sizeof f, 1, id, (uint16_t)(0x2000 | k * 185));
            if (net_if_frame(&net_ifs[0], f, sizeof f) < 0)
                dropped++;
        }
    for (uint16_t k = 8; k < 12; k++) {
        ipv4_frame(f, sizeof f, 1, 101, (uint16_t)(0x2000 | k * 185));
        if (net_if_frame(&net_ifs[0], f, sizeof f) < 0)
            dropped++;
    }
    if (dropped == 0 || answered() || net_ifs[0].rx_dropped == 0)
        abort(); /* the pool was never exhausted */
    for (int s = 0; s < 40; s++) {
        now_ns += 1000000000ULL;
        sys_check_timeouts();
    }
    if (!answered())
        abort(); /* still exhausted after reassembly timed out */
}

static void setup(void)
{
    static char a0[] = "fuzz", a1[] = "--ipv4:service0=10.0.0.2/24",
                a2[] = "--ipv4-gateway:service0=10.0.0.1";
    char *argv[] = {a0, a1, a2, NULL};
    struct tcp_pcb *l;
    struct udp_pcb *u;

    if (net_main_args(3, argv) != 1)
        abort();
    l = tcp_new();
    if (!l || tcp_bind(l, IP_ADDR_ANY, 7))
        abort();
    l = tcp_listen(l);
    tcp_accept(l, echo_accept);
    u = udp_new();
    if (!u || udp_bind(u, IP_ADDR_ANY, 7))
        abort();
    udp_recv(u, udp_echo, NULL);
    exhaustion_check();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;

    if (!ready) {
        setup();
        ready = 1;
    }
    while (size > 0) {
        uint8_t op = *data++;
        size_t len;

        size--;
        switch (op & 3) {
        case 0:
        case 1:
            if (size < 2)
                return 0;
            len = (size_t)(data[0] | data[1] << 8) % (FZ_FRAME + 1);
            data += 2;
            size -= 2;
            if (len > size)
                len = size;
            if ((op & 3) == 0) {
                net_if_frame(&net_ifs[(op >> 2) & 1], data, len);
            } else {
                memcpy(queued, data, len);
                queued_len = len;
                queued_on = 1 + ((op >> 2) & 1);
                net_poll(now_ns + 1000000ULL);
                queued_len = 0;
            }
            data += len;
            size -= len;
            break;
        case 2:
            if (size < 1)
                return 0;
            now_ns += (uint64_t)data[0] * 4000000ULL;
            data++;
            size--;
            sys_check_timeouts();
            break;
        default:
            close_all();
        }
    }
    return 0;
}
