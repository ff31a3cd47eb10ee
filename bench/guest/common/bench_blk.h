/* Block bench plan shared by the blk_seq guest and its blk_host baseline. */
#ifndef KILN_BENCH_BLK_H
#define KILN_BENCH_BLK_H

#include <stdint.h>

/*
 * Both sides take the same words: "seq REQ MB" (read, then write, the first
 * MB MiB in order in REQ-byte requests; MB 0 is the whole device), "rand REQ
 * N" (N reads of REQ bytes at random REQ-aligned offsets) or "flush N" (N
 * times: write one BENCH_BLK_FLUSH_LEN-byte request, then flush). Each prints
 * "read B/s" and "write B/s", "rand B/s" or "flush flushes/s".
 */
/* The largest request, the buffer size. */
#define BENCH_BLK_MAX_REQ (1U << 20)
#define BENCH_BLK_FLUSH_LEN 4096U
#define BENCH_BLK_SEED 0x9e3779b97f4a7c15ULL

/* The next of a xorshift64 sequence from BENCH_BLK_SEED: the same offsets on
 * both sides. */
static inline uint64_t bench_blk_next(uint64_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 7;
    *s ^= *s << 17;
    return *s;
}

/* The bytes a "seq REQ MB" pass covers on a device of cap bytes: whole
 * requests only. */
static inline uint64_t bench_blk_span(uint64_t cap, uint64_t req, uint64_t mb)
{
    uint64_t span = mb == 0 || mb << 20 > cap ? cap : mb << 20;

    return req == 0 ? 0 : span / req * req;
}

#endif /* KILN_BENCH_BLK_H */
