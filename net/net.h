/* Kiln's network layer over lwIP: interfaces, polling, options (internal). */
#ifndef KILN_NET_INTERNAL_H
#define KILN_NET_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <sys/types.h>

#include "lwip/ip_addr.h"
#include "lwip/netif.h"
#include "lwip/tcp.h"
#include "lwip/udp.h"
#include "mft_abi.h"
#include "solo5.h"

/* At most a manifest's devices, each name at most the manifest's. */
#define NET_MAX_IFS MFT_MAX_ENTRIES
#define NET_NAME_SIZE MFT_NAME_SIZE

/* An interface's configuration: static when have_addr, else DHCP. */
struct net_cfg {
    int have_addr;
    int have_gw;
    ip4_addr_t addr;
    ip4_addr_t mask;
    ip4_addr_t gw;
};

/* One manifest net device and the lwIP interface over it. */
struct net_if {
    struct netif nif;
    char name[NET_NAME_SIZE];
    solo5_handle_t handle;
    struct solo5_net_info info;
    struct net_cfg cfg;
    uint8_t *rx; /* one frame: mtu + 14 bytes */
    uint8_t *tx;
    uint64_t rx_dropped; /* frames lost for want of pbufs */
};

/* The interfaces, in manifest order, and how many there are. */
extern struct net_if net_ifs[NET_MAX_IFS];
extern int net_nifs;

/* Brings up every manifest net device once; 0 or -1 with errno. */
int net_up(void);
/* One round: input every pending frame, run due lwIP timers; if nothing
 * happened, solo5_yield until the earlier of deadline (solo5_clock_monotonic
 * ns) and the next lwIP timer. Blocking socket calls loop on it. */
void net_poll(uint64_t deadline_ns);
/* Turns the immediate ACK lwIP wants for in-order data on pcb (its recv
 * callback's) into one sent when the program next calls net_poll, or carried
 * by what it sends before: one ACK a connection a round of frames. */
void net_defer_ack(struct tcp_pcb *pcb);

/* Acquires device name and adds it to lwIP (up, link up); 0 or -1. */
int net_if_add(struct net_if *nif, const char *name);
/* Hands one received frame of len bytes to lwIP (copied); 0, or -1 if
 * dropped for want of memory. */
int net_if_frame(struct net_if *nif, const uint8_t *frame, size_t len);
/* Reads and inputs up to max pending frames; returns how many. */
int net_if_input(struct net_if *nif, int max);

/* crt_main.c's hook: net_config_args, then net_up; the new argc, or -1
 * (message printed). */
int net_main_args(int argc, char **argv);
/* Takes the --ipv4 options out of argv[1..argc-1] into the interfaces'
 * configuration; returns the new argc, or -1 (message printed) when one is
 * malformed or names no interface. */
int net_config_args(int argc, char **argv);
/* Parses "A.B.C.D" strictly into *addr; 0 or -1. */
int net_config_addr(const char *s, ip4_addr_t *addr);
/* Parses "A.B.C.D/PREFIX" into *addr and *mask; 0 or -1. */
int net_config_cidr(const char *s, ip4_addr_t *addr, ip4_addr_t *mask);

/* Milliseconds from solo5_clock_monotonic (lwIP's clock). */
uint32_t sys_now(void);

/* ---- sockets (net_socket*.c) over lwIP's raw API ---- */

/* The most descriptors open at once, the console's three included. */
#define NET_FD_MAX 4096
/* Datagrams a UDP socket holds unread before it drops new ones. */
#define NET_UDP_QUEUE 64

enum sock_state { SOCK_NEW, SOCK_LISTEN, SOCK_CONNECTING, SOCK_CONNECTED };

/* One received datagram and where it came from. */
struct sock_dgram {
    struct sock_dgram *next;
    struct pbuf *p;
    ip_addr_t addr;
    uint16_t port;
};

/* A socket: its lwIP pcb (NULL once the connection is gone), what was
 * received and not read, and its options. */
struct sock {
    const struct sock_ops *ops;
    int type; /* SOCK_STREAM or SOCK_DGRAM */
    enum sock_state state;
    int nonblock, cloexec;
    int err; /* an asynchronous error not yet reported */
    int rx_eof, shut_rd, shut_wr;
    int nodelay, linger0;              /* TCP_NODELAY; SO_LINGER on with 0 s */
    uint64_t rcvtimeo_ns, sndtimeo_ns; /* 0: none */
    union {
        struct tcp_pcb *tcp;
        struct udp_pcb *udp;
    } pcb;
    struct pbuf *rx; /* stream: bytes received, not yet read */
    struct sock *acq_head, *acq_tail, *acq_next; /* listen: not accepted */
    int acq_len, backlog;
    struct sock_dgram *dq_head, *dq_tail; /* datagram: received */
    int dq_len;
};

/* What a socket type does; every call returns 0 (or a count) or -1 with errno.
 */
struct sock_ops {
    int (*open)(struct sock *s);
    int (*bind)(struct sock *s, const ip_addr_t *ip, uint16_t port);
    int (*listen)(struct sock *s, int backlog);
    struct sock *(*accept)(struct sock *s);
    int (*connect)(struct sock *s, const ip_addr_t *ip, uint16_t port);
    ssize_t (*send)(struct sock *s, const void *buf, size_t n, int flags,
                    const ip_addr_t *ip, uint16_t port);
    ssize_t (*recv)(struct sock *s, void *buf, size_t n, int flags,
                    ip_addr_t *ip, uint16_t *port);
    int (*shutdown)(struct sock *s, int how);
    void (*close)(struct sock *s);
    short (*events)(struct sock *s); /* poll bits ready now */
    int (*name)(struct sock *s, int peer, ip_addr_t *ip, uint16_t *port);
};

extern const struct sock_ops net_tcp_ops;
extern const struct sock_ops net_udp_ops;

/* TCP (net_socket_tcp*.c): the ops above, in three files. */
/* Sets s's callbacks on pcb, which becomes s's. */
void net_tcp_attach(struct sock *s, struct tcp_pcb *pcb);
/* net_tcp_ops' listen, accept and connect (net_socket_tcp_conn.c). */
int net_tcp_listen(struct sock *s, int backlog);
struct sock *net_tcp_accept(struct sock *s);
int net_tcp_connect(struct sock *s, const ip_addr_t *ip, uint16_t port);
/* A listener has a connection to accept. */
int net_tcp_can_accept(struct sock *s);
/* A connect has ended, or none was going on. */
int net_tcp_not_connecting(struct sock *s);
/* net_tcp_ops' send and recv (net_socket_tcp_data.c). */
ssize_t net_tcp_send(struct sock *s, const void *buf, size_t n, int flags,
                     const ip_addr_t *ip, uint16_t port);
ssize_t net_tcp_recv(struct sock *s, void *buf, size_t n, int flags,
                     ip_addr_t *ip, uint16_t *port);
/* Bytes lwIP takes now (0: its buffer or segment queue is full). */
size_t net_tcp_send_room(struct sock *s);

/* The fd table and socket objects (net_socket_fd.c). */
/* A new socket of type with ops, not in the fd table; NULL when out of memory.
 */
struct sock *net_sock_new(int type, const struct sock_ops *ops);
/* Frees s and what it holds (its pcb must be gone already). */
void net_sock_free(struct sock *s);
/* The lowest free fd (above 2) now holding s; -1 with EMFILE when full. */
int net_fd_alloc(struct sock *s);
/* The socket at fd; NULL with EBADF (ENOTSOCK for the console's). */
struct sock *net_fd_sock(int fd);

/* Errors (net_socket_err.c). */
/* The errno matching lwIP's err. */
int net_errno(err_t err);
/* Fails with errno e: returns -1. */
int net_fail(int e);
/* Takes s's pending error (0 if none) and clears it. */
int net_take_err(struct sock *s);

/* Blocking waits (net_socket_wait.c). */
/* Runs the stack until ready(s): 0; -1 with EAGAIN if nonblock after one
 * round that did not help, or when timeout_ns (0: none) has passed. */
int net_wait(struct sock *s, int (*ready)(struct sock *s), int nonblock,
             uint64_t timeout_ns);
/* Runs one round of the stack, waiting at most timeout_ns. */
void net_run_for(uint64_t timeout_ns);

#endif
