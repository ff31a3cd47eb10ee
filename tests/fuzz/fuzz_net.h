/* Shared harness of the network fuzzers: the manifest and Solo5's calls. */
#ifndef FUZZ_NET_H
#define FUZZ_NET_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The manifest below has a fixed size: before net.h includes mft_abi.h. */
#define MFT_ENTRIES 3
#include "mft_abi.h"

#include "net.h"

/*
 * The port (net/net_*.c) and lwIP are linked as they are; the harness
 * stands in for the bindings: a manifest of two net devices, service0 and
 * service1 (handles 1 and 2, MTU 1500), a clock that moves only when the
 * fuzzer says or when the port sleeps, one frame the fuzzer may queue for
 * solo5_net_read, and a solo5_net_write that reads every byte it is given,
 * counts the frames (writes) and aborts on one larger than the MTU allows.
 */

#define FZ_MTU 1500
#define FZ_FRAME (FZ_MTU + SOLO5_NET_HLEN)
const struct mft1_note __solo5_mft1_note = {
    .m = {.version = MFT_VERSION,
          .entries = 3,
          .e = {{.name = "", .type = MFT_RESERVED_FIRST},
                {.name = "service0", .type = MFT_DEV_NET_BASIC},
                {.name = "service1", .type = MFT_DEV_NET_BASIC}}}};

static uint64_t now_ns = 1000000000ULL;
static uint8_t queued[FZ_FRAME];
static size_t queued_len;
static solo5_handle_t queued_on;
static volatile uint8_t sink;
static unsigned writes;

solo5_time_t solo5_clock_monotonic(void)
{
    return now_ns;
}

solo5_time_t solo5_clock_wall(void)
{
    return now_ns;
}

/* The C runtime's answer on a CPU with RDSEED or RDRAND (glibc's arc4random
 * then stands in for picolibc's). */
int kiln_entropy_ok(void)
{
    return 1;
}

void solo5_yield(solo5_time_t deadline, solo5_handle_set_t *ready_set)
{
    if (deadline > now_ns)
        now_ns = deadline;
    if (ready_set)
        *ready_set = queued_len ? 1ULL << queued_on : 0;
}

void solo5_console_write(const char *buf, size_t size)
{
    (void)buf;
    (void)size;
}

solo5_result_t solo5_net_acquire(const char *name, solo5_handle_t *handle,
                                 struct solo5_net_info *info)
{
    static const uint8_t mac[6] = {0x02, 0x4b, 0x49, 0x4c, 0x4e, 0x00};

    if (strcmp(name, "service0") && strcmp(name, "service1"))
        return SOLO5_R_EINVAL;
    *handle = name[7] == '0' ? 1 : 2;
    memcpy(info->mac_address, mac, sizeof mac);
    info->mac_address[5] = (uint8_t)*handle;
    info->mtu = FZ_MTU;
    return SOLO5_R_OK;
}

solo5_result_t solo5_net_write(solo5_handle_t handle, const uint8_t *buf,
                               size_t size)
{
    uint8_t x = 0;

    if (handle < 1 || handle > 2 || size > FZ_FRAME)
        abort();
    for (size_t i = 0; i < size; i++)
        x ^= buf[i];
    sink = x;
    writes++;
    return SOLO5_R_OK;
}

solo5_result_t solo5_net_read(solo5_handle_t handle, uint8_t *buf, size_t size,
                              size_t *read_size)
{
    if (size < FZ_FRAME)
        abort();
    if (!queued_len || handle != queued_on)
        return SOLO5_R_AGAIN;
    memcpy(buf, queued, queued_len);
    *read_size = queued_len;
    queued_len = 0;
    return SOLO5_R_OK;
}

#endif
