/* libFuzzer target: the solo5-hvt net ring server on fuzzed rings. */
#include "fuzz_hvt.h"

/*
 * Input: u8 flags (bits 0-1: frames waiting on the net device, bit 2: serve
 * twice), three u16 frame lengths, u16 submissions (ent_tail - ent_head),
 * u8 count of entry descriptions, each 12 bytes (u8 operation, u8 handle,
 * u8 data anchor, s32 data offset, u32 len, u8 id) filling the slots from
 * ent_head on; the rest is chunks poked into guest memory (fz_chunks,
 * anchor 0 = the slot at ent_head), ring area included.
 *
 * hvt_ring.c keeps ent_head and com_tail across calls, so inputs continue
 * where the last one stopped. The harness follows them through the model
 * (an input the model gets wrong aborts), never through the ring's copies,
 * which the guest owns; a crash may need the inputs before it to replay.
 */

#define ENTRY_BYTES 12
#define MAX_WIRE (2 * HVT_RING_SLOTS)

static struct hvt_ring *ring;  /* the tender's view */
static struct hvt_ring *gring; /* the guest's (harness) view */
static uint32_t head, com;     /* the tender's ent_head and com_tail */

/* Frames waiting on the tender's side of the net device. */
static size_t frames[3];
static unsigned nframes, next_frame;

/* Frames the tender may have written, in order. */
static struct {
    uint64_t data;
    uint32_t len;
} wire[MAX_WIRE];
static unsigned nwire;
static unsigned ok_reads;

/* The ring area as it must be after the call. */
static uint8_t before[HVT_RING_AREA], after[HVT_RING_AREA];

static int outcome;
static bool index_die; /* ...for ent_tail, not for an entry */
static unsigned completed, ncommits;

static void commit(uint32_t id, int32_t ret, uint32_t len)
{
    struct hvt_ring *r = (struct hvt_ring *)(void *)after;
    struct hvt_ring_commit c = {.id = id, .ret = ret, .len = len};

    memcpy(&r->commits[(com + ncommits) & HVT_RING_MASK], &c, sizeof c);
    ncommits++;
    r->com_tail = com + ncommits;
}

/* One entry as hvt_ring.c serves it; false where the guest must die. */
static bool serve(const struct hvt_ring_entry *e)
{
    if (e->operation == HVT_RING_OP_NET_WRITE) {
        if (e->handle != FZ_NET || e->len == 0 || e->len > FZ_FRAME_MAX)
            return true;
        if (!fz_access(e->data, e->len, false))
            return false;
        if (nwire < MAX_WIRE) {
            wire[nwire].data = e->data;
            wire[nwire++].len = e->len;
        }
    } else if (e->operation == HVT_RING_OP_NET_READ) {
        size_t n;
        if (e->handle != FZ_NET || e->len == 0) {
            commit(e->id, SOLO5_R_EINVAL, 0);
            return true;
        }
        if (!fz_access(e->data, e->len, true))
            return false;
        n = next_frame < nframes ? frames[next_frame++] : 0;
        if (n == 0)
            commit(e->id, SOLO5_R_AGAIN, 0);
        else {
            commit(e->id, SOLO5_R_OK, (uint32_t)(n < e->len ? n : e->len));
            ok_reads++;
        }
    }
    return true;
}

/* Predicts one hvt_ring_serve on the ring as the guest left it. */
static void predict(void)
{
    const struct hvt_ring *r = (const struct hvt_ring *)(void *)before;
    struct hvt_ring *a = (struct hvt_ring *)(void *)after;
    uint32_t tail;

    memcpy(before, gring, sizeof before);
    memcpy(after, before, sizeof after);
    tail = r->ent_tail;
    outcome = FZ_RETURNED;
    completed = ncommits = 0;
    index_die = tail - head >= HVT_RING_SLOTS;
    if (index_die) {
        outcome = FZ_DIED;
        snprintf(fz_want, sizeof fz_want,
                 "net ring: invalid submission index: ent_tail=%u, "
                 "ent_head=%u",
                 tail, head);
        return;
    }
    for (; head + completed != tail; completed++) {
        if (!serve(&r->entries[(head + completed) & HVT_RING_MASK])) {
            outcome = FZ_DIED;
            break;
        }
        a->ent_head = head + completed + 1;
    }
}

static int call(unsigned *served)
{
    int rc;

    fz_in_call = 1;
    rc = setjmp(fz_jb);
    if (rc == 0)
        *served = hvt_ring_serve(&fz_h, ring);
    fz_in_call = 0;
    return rc == 0 ? FZ_RETURNED : rc - 1;
}

static void fail(const char *why)
{
    fprintf(stderr,
            "fuzz_hvt_ring: %s (ent_head %u, com_tail %u, predicted outcome "
            "%d after %u entries; last message: %s; wanted: %s)\n",
            why, head, com, outcome, completed, fz_msg, fz_want);
    abort();
}

/* One serve against the model; false if it died. */
static bool round_trip(void)
{
    unsigned served = 0;
    int got;

    predict();
    fz_msg[0] = '\0';
    got = call(&served);
    if (got != outcome)
        fail("outcome differs from the model");
    if (got == FZ_DIED &&
        (index_die ? strcmp(fz_msg, fz_want) != 0 : !fz_died_as_wanted()))
        fail("died with another message");
    if (got == FZ_RETURNED && served != completed)
        fail("served count");
    /* The tender wrote its indices and commits there, nothing else. */
    if (memcmp(after, gring, sizeof after) != 0)
        fail("ring area differs from the model");
    head += completed;
    com += ncommits;
    return got == FZ_RETURNED;
}

/* Frames on the wire: those writes, in order, some perhaps dropped; their
 * bytes too while no read has changed guest memory. */
static void check_wire(void)
{
    static uint8_t buf[FZ_DGRAM_MAX];
    unsigned w = 0;
    ssize_t n;

    while ((n = fz_wire_recv(buf, sizeof buf)) >= 0) {
        while (w < nwire && (wire[w].len != (size_t)n ||
                             (ok_reads == 0 && memcmp(buf, fz_mem(wire[w].data),
                                                      (size_t)n) != 0)))
            w++;
        if (w++ >= nwire)
            fail("a frame on the wire no write entry sent");
    }
}

/* The submissions of this input: zeroed slots, then the described ones. */
static void submit(struct fz_in *in)
{
    uint32_t k = (uint32_t)fz_take(in, 2);
    unsigned nent = (unsigned)fz_take(in, 1);

    for (uint32_t i = 0; i < k && i < HVT_RING_SLOTS; i++)
        memset(&gring->entries[(head + i) & HVT_RING_MASK], 0,
               sizeof(struct hvt_ring_entry));
    for (unsigned i = 0; i < nent && in->n >= ENTRY_BYTES; i++) {
        struct hvt_ring_entry e = {0};
        unsigned op = (unsigned)fz_take(in, 1);
        unsigned handle = (unsigned)fz_take(in, 1);
        unsigned anchor = (unsigned)fz_take(in, 1);

        e.operation = op < 0xf0 ? op % 4 : op;
        e.handle = handle < 0xff ? handle : ~0u;
        e.data = fz_anchor(anchor, FZ_RING_GPA) +
                 (uint64_t)(int64_t)(int32_t)fz_take(in, 4);
        e.len = (uint32_t)fz_take(in, 4);
        e.id = (uint32_t)fz_take(in, 1);
        memcpy(&gring->entries[(head + i) & HVT_RING_MASK], &e, sizeof e);
    }
    gring->ent_tail = head + k;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static bool ready;
    struct fz_in in = {data, size};
    unsigned flags;

    if (!ready) {
        fz_setup(true);
        ring = (struct hvt_ring *)(void *)(fz_h.mem.host + FZ_RING_GPA);
        gring = (struct hvt_ring *)(void *)(fz_alias + FZ_RING_GPA);
        ready = true;
    }
    flags = (unsigned)fz_take(&in, 1);
    nframes = next_frame = nwire = ok_reads = 0;
    for (unsigned i = 0; i < 3; i++) {
        size_t len = (size_t)fz_take(&in, 2) % (FZ_DGRAM_MAX + 1);
        if (i < (flags & 3) && fz_inject(nframes, len))
            frames[nframes++] = len;
    }
    submit(&in);
    fz_chunks(&in, FZ_RING_GPA + offsetof(struct hvt_ring, entries) +
                       sizeof(struct hvt_ring_entry) * (head & HVT_RING_MASK));

    if (round_trip() && (flags & 4))
        round_trip();
    check_wire();
    fz_check_state();
    fz_drain_tender();
    return 0;
}
