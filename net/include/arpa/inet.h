/* Kiln's <arpa/inet.h>: text forms of Internet addresses. */
#ifndef KILN_ARPA_INET_H
#define KILN_ARPA_INET_H

#include <netinet/in.h>

#ifdef __cplusplus
extern "C" {
#endif

int inet_pton(int af, const char *src, void *dst);
const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);
int inet_aton(const char *src, struct in_addr *dst);
in_addr_t inet_addr(const char *src);
char *inet_ntoa(struct in_addr in);

#ifdef __cplusplus
}
#endif

#endif
