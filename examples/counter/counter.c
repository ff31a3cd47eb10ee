/* Kiln example: a counter on block device "storage"; each run adds one. */
#include "solo5.h"

/* Room for the largest sector size a tender offers (docs/devices.md). */
static uint8_t sector[32768];

static size_t length(const char *s)
{
    size_t n = 0;

    while (s[n] != '\0')
        n++;
    return n;
}

static void print(const char *s)
{
    solo5_console_write(s, length(s));
}

/* Prints n in decimal. */
static void print_u64(uint64_t n)
{
    char buf[21];
    size_t i = sizeof buf - 1;

    buf[i] = '\0';
    do {
        buf[--i] = (char)('0' + n % 10);
        n /= 10;
    } while (n != 0);
    print(buf + i);
}

/* The counter: the first 8 bytes of sector 0, little-endian (zeroed: 0). */
static uint64_t get_le64(const uint8_t *p)
{
    uint64_t v = 0;

    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static void put_le64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++, v >>= 8)
        p[i] = (uint8_t)v;
}

int solo5_app_main(const struct solo5_start_info *si)
{
    struct solo5_block_info info;
    solo5_handle_t h;
    solo5_result_t rc;
    uint64_t count;

    (void)si;
    if (solo5_block_acquire("storage", &h, &info) != SOLO5_R_OK) {
        print("counter: no block device 'storage'\n");
        return SOLO5_EXIT_FAILURE;
    }
    if (info.block_size > sizeof sector) {
        print("counter: sector size too large\n");
        return SOLO5_EXIT_FAILURE;
    }
    /* Every I/O moves exactly one whole, aligned sector. */
    if (solo5_block_read(h, 0, sector, info.block_size) != SOLO5_R_OK) {
        print("counter: cannot read sector 0\n");
        return SOLO5_EXIT_FAILURE;
    }
    count = get_le64(sector) + 1;
    put_le64(sector, count);
    /* A write that returned OK is in the host's file; a flush makes it
     * survive a power cut (docs/devices.md). */
    if (solo5_block_write(h, 0, sector, info.block_size) != SOLO5_R_OK) {
        print("counter: cannot write sector 0\n");
        return SOLO5_EXIT_FAILURE;
    }
    /* OK: durable on the host's disk; EUNSPEC: the host cannot flush (a Solo5
     * v0.12 tender), so the write is only as durable as its page cache. */
    rc = solo5_block_flush(h);
    if (rc != SOLO5_R_OK && rc != SOLO5_R_EUNSPEC) {
        print("counter: cannot flush\n");
        return SOLO5_EXIT_FAILURE;
    }
    print("counter: ");
    print_u64(count);
    print(rc == SOLO5_R_OK ? "\n" : " (not flushed: the host cannot)\n");
    return SOLO5_EXIT_SUCCESS;
}
