/* Over the installed mbed TLS: seeds a DRBG, hashes, times an alarm. */
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/entropy.h>
#include <mbedtls/sha256.h>
#include <mbedtls/timing.h>
#include <mbedtls/version.h>
#include <stdio.h>
#include <string.h>

static void print_hex(const char *label, const unsigned char *b, size_t n)
{
    printf("%s: ", label);
    for (size_t i = 0; i < n; i++)
        printf("%02x", b[i]);
    printf("\n");
}

/* The alarm's polled flag: how long until "mbedtls_set_alarm(1)" fires. */
static void time_alarm(void)
{
    struct mbedtls_timing_hr_time t;
    unsigned long polls = 0;

    mbedtls_timing_get_timer(&t, 1);
    mbedtls_set_alarm(1);
    while (!mbedtls_timing_alarmed)
        polls++;
    printf("alarm: %lu ms, %s\n", mbedtls_timing_get_timer(&t, 0),
           polls > 0 ? "polled" : "not polled");
}

int main(void)
{
    mbedtls_entropy_context entropy;
    mbedtls_ctr_drbg_context drbg;
    unsigned char out[32];
    char version[32];
    int ret;

    mbedtls_version_get_string_full(version);
    printf("version: %s\n", version);
    mbedtls_sha256((const unsigned char *)"abc", 3, out, 0);
    print_hex("sha256(abc)", out, sizeof out);
    time_alarm();
    mbedtls_entropy_init(&entropy);
    mbedtls_ctr_drbg_init(&drbg);
    ret = mbedtls_ctr_drbg_seed(&drbg, mbedtls_entropy_func, &entropy,
                                (const unsigned char *)"kiln", 4);
    if (ret != 0) {
        printf("seed: -0x%04x\n", (unsigned)-ret);
        return 3;
    }
    ret = mbedtls_ctr_drbg_random(&drbg, out, sizeof out);
    if (ret != 0) {
        printf("random: -0x%04x\n", (unsigned)-ret);
        return 4;
    }
    print_hex("random", out, sizeof out);
    mbedtls_ctr_drbg_free(&drbg);
    mbedtls_entropy_free(&entropy);
    return 0;
}
