/* Kiln's <netinet/tcp.h>: TCP socket options with Linux's values. */
#ifndef KILN_NETINET_TCP_H
#define KILN_NETINET_TCP_H

#define TCP_NODELAY 1
#define TCP_MAXSEG 2
#define TCP_KEEPIDLE 4
#define TCP_KEEPINTVL 5
#define TCP_KEEPCNT 6

#endif
