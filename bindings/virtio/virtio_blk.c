/* Kiln virtio-blk: 512-byte sectors, one synchronous request at a time. */
#include "virtio.h"

#define BLK_SECTOR 512
#define BLK_CFG_CAPACITY 0 /* u64, in sectors */
#define BLK_T_IN 0
#define BLK_T_OUT 1
#define BLK_S_OK 0
#define VRING_DESC_F_NEXT 1
#define VRING_DESC_F_WRITE 2
#define BLK_DESC_HDR 0
#define BLK_DESC_DATA 1
#define BLK_DESC_STATUS 2
#define BLK_POLL_NS 1000000ULL /* look again after 1 ms without interrupt */

struct blk_req {
    uint32_t type;
    uint32_t reserved;
    uint64_t sector;
};

/* The request header and status byte the device reads and writes. */
struct blk_io {
    struct blk_req req;
    volatile uint8_t status;
};

struct blk_dev {
    struct virtq q;
    struct blk_io *io;
    bool present;
};

static struct blk_dev blks[MFT_MAX_ENTRIES];

/* The device's capacity in bytes: its sector count, capped so bytes fit. */
static uint64_t blk_capacity(uint16_t iobase)
{
    uint16_t p = iobase + VIRTIO_REG_CONFIG + BLK_CFG_CAPACITY;
    uint64_t sectors = cpu_inl(p) | (uint64_t)cpu_inl(p + 4) << 32;

    if (sectors > UINT64_MAX / BLK_SECTOR)
        sectors = UINT64_MAX / BLK_SECTOR;
    return sectors * BLK_SECTOR;
}

void blk_attach(const struct pci_virtio *f)
{
    struct mft_entry *e = dev_next_entry(MFT_DEV_BLOCK_BASIC);
    struct blk_dev *b;
    uintptr_t io;

    if (e == NULL)
        return;
    b = &blks[e - virtio_mft->e];
    (void)virtio_dev_begin(f->iobase);
    virtio_dev_features(f->iobase, 0); /* nothing but plain sectors */
    if (!virtq_init(&b->q, f->iobase, 0, virtio_mem_size) || b->q.num < 3 ||
        (io = mem_reserve(sizeof *b->io, virtio_mem_size)) == 0)
        PANIC("virtio-blk: cannot set up its queue");
    b->io = (struct blk_io *)io;
    virtio_dev_ready(f->iobase);
    dev_irq_add(f->irq);
    b->present = true;
    e->u.block_basic.capacity = blk_capacity(f->iobase);
    e->u.block_basic.block_size = BLK_SECTOR;
    e->attached = true;
}

/*
 * Waits for the device to return the request whose head is descriptor 0;
 * it must say it wrote at least want bytes (the status, and a read's data).
 */
static solo5_result_t blk_wait(struct blk_dev *b, uint32_t want)
{
    struct vring_used_elem u;

    for (;;) {
        /* The device interrupts on completion: sleep rather than spin. */
        while (!virtq_pop(&b->q, &u)) {
            (void)cpu_inb(b->q.iobase + VIRTIO_REG_ISR);
            if (!virtq_pending(&b->q))
                sleep_at_most(BLK_POLL_NS);
        }
        if (u.id == BLK_DESC_HDR)
            break; /* any other id is not ours and is ignored */
    }
    if (u.len < want || b->io->status != BLK_S_OK)
        return SOLO5_R_EUNSPEC;
    return SOLO5_R_OK;
}

solo5_result_t block_io(const struct mft_entry *e, solo5_handle_t handle,
                        bool write, solo5_off_t offset, void *buf, size_t size)
{
    uint32_t type = write ? BLK_T_OUT : BLK_T_IN;
    struct blk_dev *b;
    struct vring_desc *d;

    (void)e;
    if (!blks[handle].present)
        return SOLO5_R_EINVAL;
    b = &blks[handle];
    d = b->q.desc;
    b->io->req = (struct blk_req){.type = type, .sector = offset / BLK_SECTOR};
    b->io->status = 0xFF;
    d[BLK_DESC_HDR] =
        (struct vring_desc){(uintptr_t)&b->io->req, sizeof b->io->req,
                            VRING_DESC_F_NEXT, BLK_DESC_DATA};
    d[BLK_DESC_DATA] = (struct vring_desc){
        (uintptr_t)buf, (uint32_t)size,
        VRING_DESC_F_NEXT | (type == BLK_T_IN ? VRING_DESC_F_WRITE : 0),
        BLK_DESC_STATUS};
    d[BLK_DESC_STATUS] = (struct vring_desc){(uintptr_t)&b->io->status, 1,
                                             VRING_DESC_F_WRITE, 0};
    virtq_push(&b->q, BLK_DESC_HDR);
    virtq_notify(&b->q);
    return blk_wait(b, type == BLK_T_IN ? (uint32_t)size + 1 : 1);
}

/* Until the driver negotiates VIRTIO_BLK_F_FLUSH it cannot promise anything. */
solo5_result_t solo5_block_flush(solo5_handle_t handle)
{
    solo5_result_t rc;

    if (block_feature(handle, MFT_BLOCK_F_FLUSH, &rc) == NULL)
        return rc;
    return SOLO5_R_EUNSPEC;
}
