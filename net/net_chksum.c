/* Kiln network layer: the Internet checksum for lwIP, eight bytes a step. */
#include <stdint.h>
#include <string.h>

#include "lwip/opt.h"

/* The one's complement sum of len bytes at data, folded to 16 bits, in the
 * byte order of the loads (lwIP's LWIP_CHKSUM contract). The 64-bit
 * accumulator takes two 32-bit halves a step and cannot overflow below
 * 2^31 bytes. */
unsigned short net_chksum(const void *data, int len)
{
    const uint8_t *p = data;
    uint64_t sum = 0, w;
    int odd = (uintptr_t)p & 1;

    if (odd && len > 0) { /* sum from an even address, swap at the end */
        sum = (uint64_t)*p++ << 8;
        len--;
    }
    for (; len >= 8; len -= 8, p += 8) {
        memcpy(&w, p, 8);
        sum += (w & 0xffffffffu) + (w >> 32);
    }
    if (len >= 4) {
        uint32_t v;

        memcpy(&v, p, 4);
        sum += v;
        p += 4;
        len -= 4;
    }
    if (len >= 2) {
        uint16_t v;

        memcpy(&v, p, 2);
        sum += v;
        p += 2;
        len -= 2;
    }
    if (len > 0)
        sum += *p;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    if (odd)
        sum = ((sum & 0xff) << 8) | (sum >> 8);
    return (unsigned short)sum;
}
