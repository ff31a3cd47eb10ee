/* solo5-hvt net ring, host side: serves the guest's submissions (spec 4.13). */
#include "hvt_module_net.h"

#include "common_dev.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "solo5.h"

/* The host's own indices: the guest can write the ring's copies, so they
 * are only ever written there, never read back. */
static uint32_t ent_head, com_tail;

bool hvt_ring_pending(const struct hvt_ring *r)
{
    return __atomic_load_n(&r->ent_tail, __ATOMIC_ACQUIRE) != ent_head;
}

static void commit(struct hvt_ring *r, uint32_t id, int32_t ret, uint32_t len)
{
    struct hvt_ring_commit c = {.id = id, .ret = ret, .len = len};

    memcpy(&r->commits[com_tail & HVT_RING_MASK], &c, sizeof c);
    com_tail++;
    __atomic_store_n(&r->com_tail, com_tail, __ATOMIC_RELEASE);
}

/* Writes have no completion: a bad handle or length drops the frame. */
static void serve_write(struct hvt *h, const struct hvt_ring_entry *e)
{
    const struct mft_entry *dev =
        dev_attached(&h->t, e->handle, MFT_DEV_NET_BASIC);
    const void *buf;

    if (dev == NULL || e->len == 0 || e->len > hvt_frame_max(dev))
        return;
    buf = HVT_GPA(h, e->data, e->len, false);
    if (write(dev->b.hostfd, buf, e->len) < 0) {
        /* dropped, as a transient failure may be */
    }
}

static void serve_read(struct hvt *h, struct hvt_ring *r,
                       const struct hvt_ring_entry *e)
{
    const struct mft_entry *dev =
        dev_attached(&h->t, e->handle, MFT_DEV_NET_BASIC);
    ssize_t n;
    void *buf;

    if (dev == NULL || e->len == 0) {
        commit(r, e->id, SOLO5_R_EINVAL, 0);
        return;
    }
    buf = HVT_GPA(h, e->data, e->len, true);
    n = read(dev->b.hostfd, buf, e->len);
    if (n == 0 || (n < 0 && errno == EAGAIN))
        commit(r, e->id, SOLO5_R_AGAIN, 0);
    else if (n < 0)
        commit(r, e->id, SOLO5_R_EINVAL, 0);
    else
        commit(r, e->id, SOLO5_R_OK, (uint32_t)n);
}

unsigned hvt_ring_serve(struct hvt *h, struct hvt_ring *r)
{
    uint32_t tail = __atomic_load_n(&r->ent_tail, __ATOMIC_ACQUIRE);
    unsigned served = 0;

    /* The guest never has more than SLOTS - 1 entries outstanding. */
    if (tail - ent_head >= HVT_RING_SLOTS)
        hvt_die("net ring: invalid submission index: ent_tail=%u, "
                "ent_head=%u",
                tail, ent_head);
    for (; ent_head != tail; served++) {
        struct hvt_ring_entry e;

        /* One copy: the guest may change the slot while it is served. */
        memcpy(&e, &r->entries[ent_head & HVT_RING_MASK], sizeof e);
        if (e.operation == HVT_RING_OP_NET_WRITE)
            serve_write(h, &e);
        else if (e.operation == HVT_RING_OP_NET_READ)
            serve_read(h, r, &e);
        ent_head++;
        __atomic_store_n(&r->ent_head, ent_head, __ATOMIC_RELEASE);
    }
    return served;
}
