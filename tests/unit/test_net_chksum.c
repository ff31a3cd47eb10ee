/* Unit tests of net_chksum against lwIP's own lwip_standard_chksum. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

unsigned short net_chksum(const void *data, int len);
/* lwIP's reference, compiled from the fetched src/core/inet_chksum.c. */
uint16_t lwip_standard_chksum(const void *dataptr, int len);

#define MAX_OFFSET 16
#define MAX_LEN 3000
#define BIG (64 * 1024)

/* Fills n bytes with a fixed pseudo-random sequence (xorshift64). */
static void fill_random(uint8_t *p, size_t n, uint64_t seed)
{
    for (size_t i = 0; i < n; i++) {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        p[i] = (uint8_t)(seed >> 24);
    }
}

/* Both routines over [p, p + len): equal, or the case is printed. */
static void compare(const uint8_t *base, size_t off, int len)
{
    unsigned want = lwip_standard_chksum(base + off, len);
    unsigned got = net_chksum(base + off, len);

    if (want != got)
        fail_msg("offset %zu length %d: net_chksum 0x%04x, lwIP 0x%04x", off,
                 len, got, want);
}

/* Each length is its own allocation, so ASan sees a read past the end. */
static void test_every_offset_and_length(void **state)
{
    uint8_t *buf = malloc(MAX_OFFSET + MAX_LEN);

    (void)state;
    assert_non_null(buf);
    fill_random(buf, MAX_OFFSET + MAX_LEN, 0x9e3779b97f4a7c15ULL);
    for (size_t off = 0; off < MAX_OFFSET; off++)
        for (int len = 0; len <= MAX_LEN; len++) {
            uint8_t *b = malloc(off + (size_t)len + 1);
            assert_non_null(b);
            memcpy(b, buf, off + (size_t)len);
            compare(b, off, len);
            free(b);
        }
    free(buf);
}

/* 64 KiB and around it, at every offset, over random data and all-0xff. */
static void test_big_buffers(void **state)
{
    static const int lens[] = {BIG - 1, BIG, BIG + 1, BIG + 7};
    uint8_t *buf = malloc(MAX_OFFSET + BIG + 8);

    (void)state;
    assert_non_null(buf);
    for (int fill = 0; fill < 2; fill++) {
        if (fill == 0)
            fill_random(buf, MAX_OFFSET + BIG + 8, 12345);
        else
            memset(buf, 0xff, MAX_OFFSET + BIG + 8);
        for (size_t off = 0; off < MAX_OFFSET; off++)
            for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++)
                compare(buf, off, lens[i]);
    }
    free(buf);
}

/* All-0xff at every offset and short length: the sum's carries at most. */
static void test_all_ones(void **state)
{
    uint8_t buf[MAX_OFFSET + 600];

    (void)state;
    memset(buf, 0xff, sizeof buf);
    for (size_t off = 0; off < MAX_OFFSET; off++)
        for (int len = 0; len <= 600; len++)
            compare(buf, off, len);
}

/* Known values: the sum is in the loads' byte order, not folded or
 * complemented further (RFC 1071's example bytes, on a little-endian host). */
static void test_known_values(void **state)
{
    static const uint8_t rfc[] = {0x00, 0x01, 0xf2, 0x03,
                                  0xf4, 0xf5, 0xf6, 0xf7};

    (void)state;
    assert_int_equal(net_chksum(rfc, 0), 0);
    assert_int_equal(net_chksum(rfc, 8), 0xf2dd);
    assert_int_equal(lwip_standard_chksum(rfc, 8), 0xf2dd);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_values),
        cmocka_unit_test(test_every_offset_and_length),
        cmocka_unit_test(test_big_buffers),
        cmocka_unit_test(test_all_ones),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
