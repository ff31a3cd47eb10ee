/* Kiln virtio-blk: multi-segment chains in flight, flush, read-only. */
#include "virtio.h"

#define BLK_SECTOR 512 /* the unit of virtio's sector numbers */
#define BLK_F_SIZE_MAX (1U << 1)
#define BLK_F_SEG_MAX (1U << 2)
#define BLK_F_RO (1U << 5)
#define BLK_F_BLK_SIZE (1U << 6)
#define BLK_F_FLUSH (1U << 9)
#define BLK_CFG_CAPACITY 0  /* u64, in sectors */
#define BLK_CFG_SIZE_MAX 8  /* u32, bytes of one segment */
#define BLK_CFG_SEG_MAX 12  /* u32, data segments of one request */
#define BLK_CFG_BLK_SIZE 20 /* u32, the device's logical block */
#define BLK_T_IN 0
#define BLK_T_OUT 1
#define BLK_T_FLUSH 4
#define BLK_S_OK 0
#define BLK_S_NONE 0xFF    /* what we store before the device answers */
#define BLK_MAX_BLOCK 4096 /* the largest block size we take from BLK_SIZE */
#define BLK_MAX_INFLIGHT 64
#define VRING_DESC_F_NEXT 1
#define VRING_DESC_F_WRITE 2
#define BLK_POLL_NS 1000000ULL /* look again after 1 ms without interrupt */
#define BLK_TIMEOUT_NS 60000000000ULL /* a batch unanswered this long: dead */

/* The request header and status byte of one chain, which the device reads
 * and writes. */
struct blk_slot {
    struct {
        uint32_t type;
        uint32_t reserved;
        uint64_t sector;
    } req;
    volatile uint8_t status;
} __attribute__((aligned(32)));

struct blk_dev {
    struct virtq q;
    struct blk_slot *slots;          /* in reserved memory, nslots of them */
    uint32_t want[BLK_MAX_INFLIGHT]; /* used length each chain must report */
    bool busy[BLK_MAX_INFLIGHT];     /* submitted, not yet returned */
    uint32_t seg_bytes;              /* most bytes of one data descriptor */
    uint32_t chain_bytes;            /* most data bytes of one chain */
    uint16_t chain_descs;            /* descriptors set aside per chain */
    uint16_t nslots;                 /* chains in flight at most */
    bool present, ro, flush, dead;
};

static struct blk_dev blks[MFT_MAX_ENTRIES];

static uint32_t cfg32(uint16_t iobase, uint16_t off)
{
    return cpu_inl(iobase + VIRTIO_REG_CONFIG + off);
}

/* The device's block size: BLK_SIZE if it is a power of two we can carry in
 * the manifest, else the sector. */
static uint32_t blk_block_size(uint16_t iobase, uint32_t features)
{
    uint32_t bs;

    if (!(features & BLK_F_BLK_SIZE))
        return BLK_SECTOR;
    bs = cfg32(iobase, BLK_CFG_BLK_SIZE);
    if (bs < BLK_SECTOR || bs > BLK_MAX_BLOCK || (bs & (bs - 1)) != 0)
        return BLK_SECTOR;
    return bs;
}

/* The device's capacity in bytes, whole blocks of bs, capped so bytes fit. */
static uint64_t blk_capacity(uint16_t iobase, uint32_t bs)
{
    uint64_t sectors = cfg32(iobase, BLK_CFG_CAPACITY) |
                       (uint64_t)cfg32(iobase, BLK_CFG_CAPACITY + 4) << 32;

    if (sectors > UINT64_MAX / BLK_SECTOR)
        sectors = UINT64_MAX / BLK_SECTOR;
    return sectors * BLK_SECTOR / bs * bs;
}

/*
 * Sizes the chains from the negotiated limits and ours (l): segments of at
 * most seg_bytes, as many as seg_max and the queue allow, whole blocks of bs
 * per chain; as many chains as the queue holds.
 */
static void blk_geometry(struct blk_dev *b, uint16_t iobase, uint32_t features,
                         const struct blk_limits *l, uint32_t bs)
{
    uint32_t seg = l->seg_bytes, segs = 1, size_max, seg_max;

    if (features & BLK_F_SIZE_MAX) {
        size_max = cfg32(iobase, BLK_CFG_SIZE_MAX);
        if (size_max != 0 && size_max < seg)
            seg = size_max;
    }
    if (features & BLK_F_SEG_MAX) {
        seg_max = cfg32(iobase, BLK_CFG_SEG_MAX);
        segs = seg_max == 0 ? 1 : seg_max;
    }
    if (segs > (uint32_t)b->q.num - 2)
        segs = b->q.num - 2;
    if (segs > l->chain_bytes / seg)
        segs = l->chain_bytes / seg > 0 ? l->chain_bytes / seg : 1;
    b->seg_bytes = seg;
    b->chain_bytes = (uint32_t)((uint64_t)seg * segs / bs * bs);
    if (b->chain_bytes == 0)
        PANIC("virtio-blk: the device's segment limits cannot carry a block");
    /* Whole segments per chain, plus the header and the status. */
    b->chain_descs = (uint16_t)((b->chain_bytes + seg - 1) / seg + 2);
    b->nslots = b->q.num / b->chain_descs;
    if (b->nslots > l->inflight)
        b->nslots = l->inflight;
    if (b->nslots > BLK_MAX_INFLIGHT)
        b->nslots = BLK_MAX_INFLIGHT;
    if (b->nslots == 0)
        b->nslots = 1; /* chain_descs <= num: segs was capped to num - 2 */
}

/* Fills entry e from what the device offers and we accepted. */
static void blk_fill_entry(struct mft_entry *e, const struct blk_dev *b,
                           uint16_t iobase, const struct blk_limits *l,
                           uint32_t bs)
{
    e->u.block_basic.capacity = blk_capacity(iobase, bs);
    e->u.block_basic.block_size = (uint16_t)bs;
    e->u.block_basic.features = 0;
    e->u.block_basic.max_request = 0;
    if (l->max_request >= bs) {
        e->u.block_basic.features |= MFT_BLOCK_F_MULTI;
        e->u.block_basic.max_request = l->max_request / bs * bs;
    }
    if (b->flush)
        e->u.block_basic.features |= MFT_BLOCK_F_FLUSH;
}

void blk_attach(const struct pci_virtio *f)
{
    struct mft_entry *e = dev_next_entry(MFT_DEV_BLOCK_BASIC);
    const struct blk_limits *l = blk_limits();
    uint32_t host, want, bs;
    struct blk_dev *b;
    uintptr_t mem;

    if (e == NULL)
        return;
    b = &blks[e - virtio_mft->e];
    host = virtio_dev_begin(f->iobase);
    want = host & (BLK_F_SIZE_MAX | BLK_F_SEG_MAX | BLK_F_RO | BLK_F_BLK_SIZE |
                   BLK_F_FLUSH);
    virtio_dev_features(f->iobase, want);
    if (!virtq_init(&b->q, f->iobase, 0, virtio_mem_size) || b->q.num < 3)
        PANIC("virtio-blk: cannot set up its queue");
    bs = blk_block_size(f->iobase, want);
    blk_geometry(b, f->iobase, want, l, bs);
    mem = mem_reserve(sizeof *b->slots * b->nslots, virtio_mem_size);
    if (mem == 0)
        PANIC("virtio-blk: cannot set up its queue");
    b->slots = (struct blk_slot *)mem;
    b->ro = (want & BLK_F_RO) != 0;
    b->flush = (want & BLK_F_FLUSH) != 0;
    virtio_dev_ready(f->iobase);
    dev_irq_add(f->irq);
    b->present = true;
    blk_fill_entry(e, b, f->iobase, l, bs);
    e->attached = true;
    log_printf(LOG_DEBUG,
               "Solo5: virtio-blk '%s': %u-byte blocks, %u requests of %u "
               "bytes in flight%s\n",
               e->name, (unsigned)bs, (unsigned)b->nslots,
               (unsigned)b->chain_bytes, b->flush ? ", flush" : "");
    if (b->ro)
        log_printf(LOG_INFO,
                   "Solo5: virtio-blk '%s' is read-only: writes "
                   "are refused (EINVAL)\n",
                   e->name);
}

/*
 * Builds chain slot: header, the data (len bytes at buf, none for a flush)
 * in segments of at most seg_bytes, status; publishes it (no notify).
 */
static void blk_submit(struct blk_dev *b, uint16_t slot, uint32_t type,
                       uint64_t sector, uint8_t *buf, uint32_t len)
{
    uint16_t head = (uint16_t)(slot * b->chain_descs), i = head;
    struct blk_slot *s = &b->slots[slot];
    struct vring_desc *d = b->q.desc;
    uint16_t data_flags =
        VRING_DESC_F_NEXT | (type == BLK_T_IN ? VRING_DESC_F_WRITE : 0);

    s->req.type = type;
    s->req.reserved = 0;
    s->req.sector = sector;
    s->status = BLK_S_NONE;
    d[i] = (struct vring_desc){(uintptr_t)&s->req, sizeof s->req,
                               VRING_DESC_F_NEXT, (uint16_t)(i + 1)};
    for (uint32_t done = 0, n; done < len; done += n) {
        n = len - done < b->seg_bytes ? len - done : b->seg_bytes;
        i++;
        d[i] = (struct vring_desc){(uintptr_t)(buf + done), n, data_flags,
                                   (uint16_t)(i + 1)};
    }
    i++;
    d[i] = (struct vring_desc){(uintptr_t)&s->status, 1, VRING_DESC_F_WRITE, 0};
    b->want[slot] = (type == BLK_T_IN ? len : 0) + 1;
    b->busy[slot] = true;
    virtq_push(&b->q, head);
}

/*
 * Takes used element u: whether it returns a chain of ours in flight (now
 * back); *bad is set if it is not ours, was returned twice, or reports a
 * length or status other than a good completion's.
 */
static bool blk_complete(struct blk_dev *b, const struct vring_used_elem *u,
                         bool *bad)
{
    uint32_t slot = u->id / b->chain_descs;

    if (u->id % b->chain_descs != 0 || slot >= b->nslots || !b->busy[slot]) {
        *bad = true;
        return false;
    }
    b->busy[slot] = false;
    if (u->len != b->want[slot] || b->slots[slot].status != BLK_S_OK)
        *bad = true;
    return true;
}

/*
 * Notifies the device and waits until the n chains in flight are back: OK
 * if each came back well and nothing else came. A device that leaves one out
 * for BLK_TIMEOUT_NS may still use its descriptors: it is dead from then on.
 */
static solo5_result_t blk_gather(struct blk_dev *b, uint16_t n)
{
    uint64_t start = solo5_clock_monotonic();
    struct vring_used_elem u;
    bool bad = false;

    virtq_notify(&b->q);
    while (n > 0) {
        if (solo5_clock_monotonic() - start > BLK_TIMEOUT_NS) {
            log_printf(LOG_ERROR, "Solo5: virtio-blk: the device did not "
                                  "answer, it is not used any more\n");
            b->dead = true;
            return SOLO5_R_EUNSPEC;
        }
        if (virtq_pop(&b->q, &u)) {
            if (blk_complete(b, &u, &bad))
                n--;
            continue;
        }
        /* Reading the ISR lowers the line; completions interrupt us. */
        (void)cpu_inb(b->q.iobase + VIRTIO_REG_ISR);
        if (!virtq_pending(&b->q))
            sleep_at_most(BLK_POLL_NS);
    }
    return bad ? SOLO5_R_EUNSPEC : SOLO5_R_OK;
}

/* The device behind handle, if it can still be used. */
static struct blk_dev *blk_get(solo5_handle_t handle)
{
    if (handle >= MFT_MAX_ENTRIES || !blks[handle].present || blks[handle].dead)
        return NULL;
    return &blks[handle];
}

solo5_result_t block_io(const struct mft_entry *e, solo5_handle_t handle,
                        bool write, solo5_off_t offset, void *buf, size_t size)
{
    struct blk_dev *b = blk_get(handle);
    uint32_t type = write ? BLK_T_OUT : BLK_T_IN;
    uint8_t *p = buf;
    solo5_result_t rc = SOLO5_R_OK;

    (void)e;
    if (b == NULL)
        return SOLO5_R_EUNSPEC;
    if (write && b->ro)
        return SOLO5_R_EINVAL; /* a read-only device takes no write */
    /* Batches of up to nslots chains; all of a batch back before the next. */
    while (size > 0 && rc == SOLO5_R_OK) {
        uint16_t n = 0;

        for (; n < b->nslots && size > 0; n++) {
            uint32_t len =
                size < b->chain_bytes ? (uint32_t)size : b->chain_bytes;

            blk_submit(b, n, type, offset / BLK_SECTOR, p, len);
            offset += len;
            p += len;
            size -= len;
        }
        rc = blk_gather(b, n);
    }
    return rc;
}

solo5_result_t solo5_block_flush(solo5_handle_t handle)
{
    struct blk_dev *b;
    solo5_result_t rc;

    /* Without a negotiated VIRTIO_BLK_F_FLUSH the entry has no FLUSH. */
    if (block_feature(handle, MFT_BLOCK_F_FLUSH, &rc) == NULL)
        return rc;
    b = blk_get(handle);
    if (b == NULL)
        return SOLO5_R_EUNSPEC;
    blk_submit(b, 0, BLK_T_FLUSH, 0, NULL, 0);
    return blk_gather(b, 1);
}
