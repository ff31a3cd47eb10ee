/* Kiln C runtime: getentropy from the CPU, never from a weaker source. */
#include <errno.h>
#include <kiln/entropy.h>
#include <string.h>
#include <unistd.h>

#include "crt.h"

/* The most one getentropy call returns: POSIX's GETENTROPY_MAX, glibc's. */
#define ENTROPY_MAX 256

int kiln_entropy_ok(void)
{
    return crt_rng_present();
}

int getentropy(void *buf, size_t n)
{
    unsigned char *p = buf;
    uint64_t v;

    if (n > ENTROPY_MAX) {
        errno = EIO;
        return -1;
    }
    if (!crt_rng_present()) {
        errno = ENOSYS;
        return -1;
    }
    while (n > 0) {
        size_t k = n < sizeof v ? n : sizeof v;

        if (crt_rng_read(&v) != 0) {
            errno = EIO;
            return -1;
        }
        memcpy(p, &v, k);
        p += k;
        n -= k;
    }
    explicit_bzero(&v, sizeof v);
    return 0;
}
