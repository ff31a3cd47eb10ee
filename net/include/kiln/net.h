/* Kiln's network interfaces for programs built with --specs=picolibc.specs. */
#ifndef KILN_NET_H_PUBLIC
#define KILN_NET_H_PUBLIC

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/*
 * Brings up every network device of the manifest (once; later calls return
 * at once): MAC and MTU from the device, the address from the --ipv4 options
 * of the command line or else from DHCP. A program with main() that links
 * the network code has this done before main. Returns 0, or -1 with errno.
 */
int kiln_net_up(void);

/*
 * Runs the network stack once: every pending frame is handled and due timers
 * run; when there was nothing to do, the unikernel sleeps (no CPU) until
 * deadline_ns (solo5_clock_monotonic time) or the stack's next timer or a
 * frame arrives, whichever comes first. A program without sockets that only
 * answers ping or ARP loops on it.
 */
void kiln_net_poll(uint64_t deadline_ns);

#ifdef __cplusplus
}
#endif

#endif
