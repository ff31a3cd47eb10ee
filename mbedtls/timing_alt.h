/* mbed TLS's MBEDTLS_TIMING_ALT types and its polled alarm flag. */
#ifndef KILN_MBEDTLS_TIMING_ALT_H
#define KILN_MBEDTLS_TIMING_ALT_H

#include <stdint.h>

/*
 * Included by <mbedtls/timing.h>, installed beside it. A timer holds the
 * monotonic clock's reading, in nanoseconds, at its last reset.
 */
struct mbedtls_timing_hr_time {
    uint64_t start_ns;
};

/* A DTLS retransmission timer: intermediate and final delays, in ms. */
typedef struct mbedtls_timing_delay_context {
    struct mbedtls_timing_hr_time timer;
    uint32_t int_ms;
    uint32_t fin_ms;
} mbedtls_timing_delay_context;

/*
 * A unikernel has no signals, so no SIGALRM: mbedtls_set_alarm(S) sets a
 * deadline S seconds ahead, and mbedtls_timing_alarmed is not a variable set
 * by a handler but this call, which compares the clock with that deadline,
 * reading it about once a millisecond of polling, not at every read of the
 * flag. A loop such as "while (!mbedtls_timing_alarmed) work();" ends when
 * the time is up, as it does on Linux; assigning the flag sets it. Returns
 * the flag's address.
 */
volatile int *mbedtls_kiln_timing_alarmed(void);
#define mbedtls_timing_alarmed (*mbedtls_kiln_timing_alarmed())

#endif
