/* libFuzzer target: every solo5-hvt hypercall handler on fuzzed memory. */
#include <time.h>

#include "fuzz_hvt.h"

/*
 * Input: u8 hypercall number, u8 gpa anchor (fz_anchor, 0 = absolute),
 * u8 flags (bit 0: a frame waits on the net device), u16 its length,
 * u64 gpa offset from the anchor; the rest is chunks poked into guest
 * memory (fz_chunks), around the gpa, the bounds and the read-only ranges.
 * A model of each handler predicts its outcome: return (with which result),
 * "Invalid guest access" (naming which access), "Invalid guest hypercall"
 * or HALT; anything else is a bug.
 */

#define POLL_MAX_NS 1024 /* fuzzed POLL timeouts are cut to this */
#define NS_PER_S 1000000000ULL

/* What the model predicts for one call. */
static struct {
    int outcome;
    int32_t ret;               /* returned: the result the struct must hold */
    uint64_t f[4];             /* the argument struct's first fields, before */
    uint64_t len;              /* NET_READ OK: the frame length returned */
    int status;                /* HALT: the exit status */
    bool wire;                 /* NET_WRITE OK: this frame goes out */
    uint8_t out[FZ_FRAME_MAX]; /* ...with these bytes (also BLOCK_WRITE's) */
} want;

/* The handlers' argument structs are read as words at gpa. */
static void args(uint64_t gpa, unsigned n)
{
    memcpy(want.f, fz_mem(gpa), 8 * n);
}

static void died(void)
{
    want.outcome = FZ_DIED;
}

static bool overlaps(uint64_t a, uint64_t alen, uint64_t b, uint64_t blen)
{
    return a < b + blen && b < a + alen;
}

/* dev_attached and the block module's check_request, restated. */
static bool block_ok(uint64_t handle, uint64_t off, uint64_t len)
{
    return handle == FZ_BLK && len == FZ_BS && off % FZ_BS == 0 &&
           off <= FZ_CAP - FZ_BS;
}

static void predict(unsigned nr, uint64_t gpa, bool frame, size_t flen)
{
    want.outcome = FZ_RETURNED;
    want.wire = false;
    switch (nr) {
    case HVT_HYPERCALL_WALLTIME:
        if (!fz_arg(gpa, 8, true))
            died();
        return;
    case HVT_HYPERCALL_PUTS:
        if (fz_arg(gpa, 16, false)) {
            args(gpa, 2);
            if (!fz_access(want.f[0], want.f[1], false))
                died();
        } else
            died();
        return;
    case HVT_HYPERCALL_POLL:
        if (!fz_arg(gpa, 24, true))
            died();
        return;
    case HVT_HYPERCALL_BLOCK_WRITE:
    case HVT_HYPERCALL_BLOCK_READ:
        if (!fz_arg(gpa, 40, true)) {
            died();
            return;
        }
        args(gpa, 4); /* handle, offset, data, len */
        want.ret = SOLO5_R_EINVAL;
        if (!block_ok(want.f[0], want.f[1], want.f[3]))
            return;
        want.ret = SOLO5_R_OK;
        if (!fz_access(want.f[2], FZ_BS, nr == HVT_HYPERCALL_BLOCK_READ))
            died();
        else if (nr == HVT_HYPERCALL_BLOCK_WRITE)
            memcpy(want.out, fz_mem(want.f[2]), FZ_BS);
        return;
    case HVT_HYPERCALL_BLOCK_FLUSH:
        if (!fz_arg(gpa, 16, true)) {
            died();
            return;
        }
        args(gpa, 1); /* handle */
        want.ret = want.f[0] == FZ_BLK ? SOLO5_R_OK : SOLO5_R_EINVAL;
        return;
    case HVT_HYPERCALL_NET_WRITE:
    case HVT_HYPERCALL_NET_READ:
        if (!fz_arg(gpa, 32, true)) {
            died();
            return;
        }
        args(gpa, 3); /* handle, data, len */
        want.ret = SOLO5_R_EINVAL;
        if (want.f[0] != FZ_NET || want.f[2] == 0 ||
            (nr == HVT_HYPERCALL_NET_WRITE && want.f[2] > FZ_FRAME_MAX))
            return;
        if (!fz_access(want.f[1], want.f[2], nr == HVT_HYPERCALL_NET_READ)) {
            died();
            return;
        }
        want.ret = SOLO5_R_OK;
        if (nr == HVT_HYPERCALL_NET_WRITE) {
            want.wire = true;
            memcpy(want.out, fz_mem(want.f[1]), want.f[2]);
        } else if (!frame || flen == 0)
            want.ret = SOLO5_R_AGAIN;
        else
            want.len = flen < want.f[2] ? flen : want.f[2];
        return;
    case HVT_HYPERCALL_HALT:
        if (!fz_arg(gpa, 16, false)) {
            died();
            return;
        }
        args(gpa, 2);
        want.status = (int32_t)want.f[1];
        if (want.f[0] != 0 && !fz_access(want.f[0], HVT_HALT_COOKIE_MAX, false))
            died();
        else
            want.outcome = FZ_HALTED;
        return;
    default:
        want.outcome = FZ_DIED;
        snprintf(fz_want, sizeof fz_want, "Invalid guest hypercall: num=%u",
                 nr);
    }
}

static int call(unsigned nr, uint64_t gpa)
{
    int rc;

    fz_in_call = 1;
    rc = setjmp(fz_jb);
    if (rc == 0)
        hvt_hypercall(&fz_h, nr, gpa);
    fz_in_call = 0;
    return rc == 0 ? FZ_RETURNED : rc - 1;
}

static uint64_t realtime_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_REALTIME, &ts);
    return (uint64_t)ts.tv_sec * NS_PER_S + (uint64_t)ts.tv_nsec;
}

static void fail(unsigned nr, uint64_t gpa, const char *why)
{
    fprintf(stderr,
            "fuzz_hvt_hypercall: nr=%u gpa=0x%llx: %s (predicted outcome %d, "
            "ret %d; last message: %s; wanted: %s)\n",
            nr, (unsigned long long)gpa, why, want.outcome, want.ret, fz_msg,
            fz_want);
    abort();
}

/* The results in guest memory and on the devices agree with the model. */
static void check_returned(unsigned nr, uint64_t gpa, bool frame, uint64_t t0,
                           uint64_t t1)
{
    uint8_t blk[FZ_BS];
    uint64_t v[4];
    int32_t ret;

    switch (nr) {
    case HVT_HYPERCALL_WALLTIME:
        memcpy(v, fz_mem(gpa), 8);
        /* A second of slack, should the clock be stepped meanwhile. */
        if (v[0] + NS_PER_S < t0 || v[0] > t1 + NS_PER_S)
            fail(nr, gpa, "WALLTIME outside the call's time");
        return;
    case HVT_HYPERCALL_POLL:
        memcpy(v, fz_mem(gpa), 16);
        memcpy(&ret, fz_mem(gpa + 16), 4);
        if (v[1] != (frame ? 1ULL << FZ_NET : 0) ||
            ret != __builtin_popcountll(v[1]))
            fail(nr, gpa, "POLL ready set");
        return;
    case HVT_HYPERCALL_BLOCK_WRITE:
    case HVT_HYPERCALL_BLOCK_READ:
        memcpy(&ret, fz_mem(gpa + 32), 4);
        if (ret != want.ret)
            fail(nr, gpa, "block result");
        if (ret != SOLO5_R_OK)
            return;
        if (pread(fz_disk, blk, FZ_BS, (off_t)want.f[1]) != (ssize_t)FZ_BS)
            abort();
        if (nr == HVT_HYPERCALL_BLOCK_WRITE
                ? memcmp(blk, want.out, FZ_BS)
                : !overlaps(want.f[2], FZ_BS, gpa, 40) &&
                      memcmp(blk, fz_mem(want.f[2]), FZ_BS))
            fail(nr, gpa, "block data");
        return;
    case HVT_HYPERCALL_NET_WRITE:
    case HVT_HYPERCALL_NET_READ:
        memcpy(v, fz_mem(gpa), 24);
        memcpy(&ret, fz_mem(gpa + 24), 4);
        if (ret != want.ret)
            fail(nr, gpa, "net result");
        if (nr == HVT_HYPERCALL_NET_WRITE || ret != SOLO5_R_OK)
            return;
        if (v[2] != want.len)
            fail(nr, gpa, "NET_READ length");
        if (overlaps(want.f[1], want.len, gpa + 16, 12))
            return;
        for (size_t i = 0; i < want.len; i++) {
            if (*(uint8_t *)fz_mem(want.f[1] + i) != fz_frame_byte(0, i))
                fail(nr, gpa, "NET_READ data");
        }
        return;
    }
}

/* What reached the wire: exactly the one frame a NET_WRITE sent, if any. */
static void check_wire(unsigned nr, uint64_t gpa)
{
    static uint8_t buf[FZ_DGRAM_MAX];
    ssize_t n = fz_wire_recv(buf, sizeof buf);

    if (want.wire && want.outcome == FZ_RETURNED) {
        if (n != (ssize_t)want.f[2] || memcmp(buf, want.out, (size_t)n) != 0)
            fail(nr, gpa, "NET_WRITE frame on the wire");
        n = fz_wire_recv(buf, sizeof buf);
    }
    if (n >= 0)
        fail(nr, gpa, "unexpected frame on the wire");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool ready;
    struct fz_in in = {data, size};
    unsigned nrb = (unsigned)fz_take(&in, 1), anchor, flags;
    unsigned nr = nrb < 0xf0 ? nrb % (HVT_HYPERCALL_MAX + 1) : ~0xffu | nrb;
    size_t flen;
    uint64_t gpa, t0, t1;
    bool frame;
    int got;

    if (!ready) {
        fz_setup(false);
        ready = true;
    }
    anchor = (unsigned)fz_take(&in, 1);
    flags = (unsigned)fz_take(&in, 1);
    flen = (size_t)fz_take(&in, 2) % (FZ_DGRAM_MAX + 1);
    gpa = fz_anchor(anchor & 7, 0) + fz_take(&in, 8);
    fz_chunks(&in, gpa);

    /* A POLL must not block the fuzzer: cut long timeouts. */
    if (nr == HVT_HYPERCALL_POLL && gpa < FZ_MEM && FZ_MEM - gpa >= 8) {
        uint64_t t;
        memcpy(&t, fz_mem(gpa), 8);
        t %= POLL_MAX_NS;
        memcpy(fz_mem(gpa), &t, 8);
    }
    frame = (flags & 1) && fz_inject(0, flen);
    predict(nr, gpa, frame, flen);

    fz_msg[0] = '\0';
    t0 = realtime_ns();
    got = call(nr, gpa);
    t1 = realtime_ns();
    if (got != want.outcome)
        fail(nr, gpa, "outcome differs from the model");
    if (got == FZ_DIED &&
        (nr < HVT_HYPERCALL_MAX && nr != HVT_HYPERCALL_RESERVED
             ? !fz_died_as_wanted()
             : strcmp(fz_msg, fz_want) != 0))
        fail(nr, gpa, "died with another message");
    if (got == FZ_HALTED && fz_status != want.status)
        fail(nr, gpa, "HALT exit status");
    if (got == FZ_RETURNED)
        check_returned(nr, gpa, frame, t0, t1);
    check_wire(nr, gpa);
    fz_check_state();
    fz_drain_tender();
    return 0;
}
