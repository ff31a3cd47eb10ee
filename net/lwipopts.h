/* Kiln's lwIP options: single-threaded (NO_SYS), IPv4, TCP, UDP, DHCP. */
#ifndef KILN_LWIPOPTS_H
#define KILN_LWIPOPTS_H

/* No threads: the program drives lwIP through net_poll, one caller at once. */
#define NO_SYS 1
#define SYS_LIGHTWEIGHT_PROT 0
#define LWIP_TIMERS 1
#define LWIP_NETCONN 0
#define LWIP_SOCKET 0
/* htons and friends come from <netinet/in.h> (Kiln's sockets), not lwIP. */
#define LWIP_DONT_PROVIDE_BYTEORDER_FUNCTIONS 1

/* Protocols. */
#define LWIP_IPV4 1
#define LWIP_IPV6 0
#define LWIP_ARP 1
#define LWIP_ETHERNET 1
#define LWIP_ICMP 1
#define LWIP_RAW 1
#define LWIP_UDP 1
#define LWIP_TCP 1
#define LWIP_DHCP 1
#define DHCP_DOES_ARP_CHECK 0
#define LWIP_DNS 0
#define LWIP_IGMP 0
#define IP_REASSEMBLY 1
#define IP_FRAG 1
#define IP_REASS_MAX_PBUFS 64
#define LWIP_NETIF_STATUS_CALLBACK 1
#define LWIP_NETIF_LINK_CALLBACK 1
#define LWIP_NETIF_HOSTNAME 0
#define LWIP_SINGLE_NETIF 0
#define LWIP_STATS 0
#define LWIP_NETIF_TX_SINGLE_PBUF 0
#define LWIP_CHECKSUM_ON_COPY 0

/* Memory: lwIP's own heap and pools, sized for a few hundred connections.
 * Each can be overridden with -D (the fuzz build shrinks them). When one is
 * exhausted lwIP answers ERR_MEM and drops frames; it never grows. */
#define MEM_LIBC_MALLOC 0
#define MEMP_MEM_MALLOC 0
#define MEM_ALIGNMENT 8
#ifndef MEM_SIZE
#define MEM_SIZE (1024 * 1024)
#endif
#ifndef PBUF_POOL_SIZE
#define PBUF_POOL_SIZE 512
#endif
#ifndef MEMP_NUM_PBUF
#define MEMP_NUM_PBUF 256
#endif
#ifndef MEMP_NUM_TCP_PCB
#define MEMP_NUM_TCP_PCB 1100 /* a thousand connections at once, and more */
#endif
#ifndef MEMP_NUM_TCP_PCB_LISTEN
#define MEMP_NUM_TCP_PCB_LISTEN 32
#endif
#ifndef MEMP_NUM_TCP_SEG
#define MEMP_NUM_TCP_SEG 1024
#endif
#ifndef MEMP_NUM_UDP_PCB
#define MEMP_NUM_UDP_PCB 32
#endif
#ifndef MEMP_NUM_REASSDATA
#define MEMP_NUM_REASSDATA 16
#endif
#ifndef MEMP_NUM_ARP_QUEUE
#define MEMP_NUM_ARP_QUEUE 64
#endif
#define ARP_TABLE_SIZE 64
#define ARP_QUEUEING 1
#define MEMP_NUM_SYS_TIMEOUT (LWIP_NUM_SYS_TIMEOUT_INTERNAL + 8)

/* TCP: a 1460-byte MSS (1500-byte MTU) and windows of 44 segments. */
#define TCP_MSS 1460
#define TCP_WND (44 * TCP_MSS)
#define TCP_SND_BUF (44 * TCP_MSS)
#define TCP_SND_QUEUELEN (4 * TCP_SND_BUF / TCP_MSS)
#define TCP_LISTEN_BACKLOG 1
#define LWIP_TCP_KEEPALIVE 1
/* SO_REUSEADDR binds a port that connections in TIME_WAIT still hold. */
#define SO_REUSE 1
#define LWIP_SO_RCVBUF 0

/* Random numbers (DHCP's transaction ids, the first ephemeral ports) from
 * the C runtime's entropy (net_rand.c); TCP's initial sequence numbers too,
 * through lwIP's hook (without it lwIP counts up from 6510 by its ticks). */
#define LWIP_RAND() net_rand()
#define LWIP_HOOK_TCP_ISN(lip, lport, rip, rport) net_rand()
#define LWIP_SUPPORT_CUSTOM_PBUF 1
/* Checksums eight bytes a step (net_chksum.c); lwIP's own takes two. */
#define LWIP_CHKSUM net_chksum

#ifdef __cplusplus
extern "C" {
#endif
unsigned int net_rand(void);
unsigned short net_chksum(const void *data, int len);
#ifdef __cplusplus
}
#endif

#endif
