/* mbed TLS's entropy source: mbedtls_hardware_poll over getentropy. */
#include <unistd.h>

#include "mbedtls/entropy.h"
#include "mbedtls/entropy_poll.h"

/* The most one getentropy call gives. */
#define ENTROPY_CHUNK 256

/*
 * The only entropy source of Kiln's configuration (MBEDTLS_NO_PLATFORM_ENTROPY,
 * MBEDTLS_ENTROPY_HARDWARE_ALT), registered by mbedtls_entropy_init as a
 * strong one. A CPU without RDSEED and RDRAND, or one whose source keeps
 * failing, gives nothing: seeding a DRBG then fails, never with weaker bytes.
 */
int mbedtls_hardware_poll(void *data, unsigned char *output, size_t len,
                          size_t *olen)
{
    size_t done = 0;

    (void)data;
    *olen = 0;
    while (done < len) {
        size_t n = len - done < ENTROPY_CHUNK ? len - done : ENTROPY_CHUNK;

        if (getentropy(output + done, n) != 0)
            return MBEDTLS_ERR_ENTROPY_SOURCE_FAILED;
        done += n;
    }
    *olen = done;
    return 0;
}
