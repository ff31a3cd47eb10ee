/* Kiln C runtime: whether getentropy has a source (hosted programs). */
#ifndef KILN_ENTROPY_H
#define KILN_ENTROPY_H

/*
 * 1 if getentropy() (and so arc4random()) draws from the CPU's random number
 * instructions (x86_64: RDSEED, else RDRAND), 0 if this CPU has neither, in
 * which case getentropy() fails with ENOSYS. A program that needs secrets
 * (keys, TCP initial sequence numbers, DNS query ids) checks this first and
 * refuses to start, in one line, rather than run with guessable numbers.
 */
int kiln_entropy_ok(void);

#endif
