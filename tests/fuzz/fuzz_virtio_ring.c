/* libFuzzer target: virtio PCI scan, device configs and used rings. */
#include <sanitizer/asan_interface.h>

#include "fuzz_virtio.h"

#include "bindings_dev.c"
#include "bindings_mft.c"
#include "virtio_blk.c"
/* The build's limits, one of those the input picks (fz_limits). */
#define blk_limits(v) blk_limits_build(v)
const struct blk_limits *blk_limits(void);
#include "virtio_blk_limits.c"
#undef blk_limits
#include "virtio_dev.c"
#include "virtio_net.c"
#include "virtio_pci.c"
#include "virtio_ring.c"

/*
 * Input: u8 manifest devices (bits 0-1: 1-4 of them; bits 2-5: each a net
 * device if set, else a block device), u8 PCI functions (modulo 5), each
 * FUNC_BYTES: u8 slot (device number on bus 0), u8 flags (bit 0: the BAR
 * below, else a good I/O BAR; bit 1: not virtio's vendor), u32 BAR, u8 IRQ
 * line, u16 subsystem (virtio type), u32 host features (bits 12-13 also
 * pick the driver's blk_limits), u16 sizes of queues 0 and 1, u16 MTU (for
 * a block device: bits 0-5 seg_max, 6-11 size_max in 256-byte units plus
 * 1, 12-15 blk_size 256 << n), u64 capacity in sectors. pci_scan and the
 * attaches run on that; then each byte is an operation, op & 7:
 *   0, 7: the device returns used elements: op bits 3-5 the handle, bit 6
 *         the tx queue; u8 count (& 7, plus 1), each u32 id, u32 len, u8 the
 *         block status (written to the last descriptor of the chain at id);
 *         a receive fills the buffer of a posted id;
 *   6:    the device sets the used index: u16;
 *   1:    solo5_net_read (bits 3-5 handle, bits 6-7 buffer size);
 *   2:    solo5_net_write (bits 3-5 handle), u16 size;
 *   3:    solo5_block_read/write (bits 3-5 handle, bit 6 write), u8
 *         offset in blocks, u8 blocks (0: a 100-byte size); bit 7 with bit
 *         6: solo5_block_flush instead;
 *   4:    net_ready_set;  5: net_drain.
 * The device acts at the operations and while the bindings sleep; a block
 * request it leaves unanswered times out (the clock jumps a second at each
 * sleep the device does not answer); one that waits past twice the
 * driver's bound is a hang, a failure.
 */

#define FUNC_BYTES 27
#define MAX_FUNCS 4
#define NDEV_MAX 4
#define MEM_BUDGET (8U << 20)
#define MAX_RESERVED 64

struct fz_func {
    uint8_t slot, flags, irq;
    uint32_t bar, features;
    uint16_t subsys, qsize[2], mtu, select;
    uint64_t capacity;
};

static struct fz_func funcs[MAX_FUNCS];
static unsigned nfuncs;
static uint32_t config_addr;
static uint8_t mft_buf[MFT_SIZE(NDEV_MAX + 1)];
static struct fz_input in;
static uint64_t now;
static bool in_block_io;  /* a request waits on the device */
static uint64_t io_start; /* the clock when it began */
static bool ring_next;    /* the next mem_reserve is a virtqueue's */

static struct {
    void *p;
    size_t size;
} reserved[MAX_RESERVED];
static unsigned nreserved;
static size_t budget;

enum { JB_PANIC = 1, JB_HUNG };

uint64_t virtio_mem_size = 1ULL << 30;
struct mft *virtio_mft;
uint16_t virtio_irq_lines;

/* Memory off the heap, poisoned past size (unless a ring's, which
 * virtq_init clears to the page as the contract allows). */
uintptr_t mem_reserve(size_t size, uint64_t mem_size)
{
    size_t len = (size + 4095) & ~(size_t)4095;
    bool ring = ring_next;
    void *p;

    (void)mem_size;
    ring_next = false;
    if (len < size || len > budget || nreserved == MAX_RESERVED)
        return 0;
    p = aligned_alloc(4096, len);
    if (p == NULL)
        abort();
    memset(p, 0, len);
    if (!ring)
        ASAN_POISON_MEMORY_REGION((uint8_t *)p + size, len - size);
    budget -= len;
    reserved[nreserved].p = p;
    reserved[nreserved].size = len;
    nreserved++;
    return (uintptr_t)p;
}

static void release(void)
{
    for (unsigned i = 0; i < nreserved; i++) {
        ASAN_UNPOISON_MEMORY_REGION(reserved[i].p, reserved[i].size);
        free(reserved[i].p);
    }
    nreserved = 0;
}

solo5_time_t solo5_clock_monotonic(void)
{
    return now;
}

static bool device_step(void);

/* The device's chance to act; a block request it ignores hangs the guest. */
void sleep_at_most(uint64_t ns)
{
    bool acted = false;

    while (device_step())
        acted = true;
    if (in_block_io && now - io_start > 2 * BLK_TIMEOUT_NS)
        longjmp(fz_jb, JB_HUNG);
    now += !acted && in_block_io ? 1000000000ULL : ns > 0 ? ns : 1;
}

/* ---- the PCI functions and their legacy registers ---- */

static struct fz_func *func_at_slot(unsigned bus, unsigned dev)
{
    for (unsigned i = 0; i < nfuncs; i++)
        if (bus == 0 && funcs[i].slot == dev)
            return &funcs[i];
    return NULL;
}

static uint32_t pci_config(uint32_t addr)
{
    struct fz_func *f = func_at_slot((addr >> 16) & 0xFF, (addr >> 11) & 0x1F);

    if (f == NULL || !(addr & PCI_ENABLE))
        return 0xFFFFFFFF;
    switch (addr & 0xFC) {
    case PCI_ID:
        return (f->flags & 2) ? 0x10008086U : 0x10000000U | VENDOR_VIRTIO;
    case PCI_BAR0:
        return f->bar;
    case PCI_SUBSYS:
        return (uint32_t)f->subsys << 16 | VENDOR_VIRTIO;
    case PCI_INTERRUPT:
        return 0x100 | f->irq;
    default:
        return 0;
    }
}

/* The function whose I/O BAR covers port, and the register's offset. */
static struct fz_func *func_at_port(uint16_t port, uint16_t *reg)
{
    for (unsigned i = 0; i < nfuncs; i++) {
        uint16_t off = (uint16_t)(port - (funcs[i].bar & 0xFFFC));

        if ((funcs[i].bar & 1) && off < 0x40) {
            *reg = off;
            return &funcs[i];
        }
    }
    return NULL;
}

static uint32_t fz_in(uint16_t port, unsigned bytes)
{
    struct fz_func *f;
    uint16_t reg;

    if (port == PCI_CONFIG_DATA && bytes == 4)
        return pci_config(config_addr);
    f = func_at_port(port, &reg);
    if (f == NULL)
        return 0xFFFFFFFF;
    if (reg == VIRTIO_REG_HOST_FEATURES && bytes == 4)
        return f->features;
    if (reg == VIRTIO_REG_QUEUE_SIZE && bytes == 2) {
        ring_next = true;
        return f->select < 2 ? f->qsize[f->select] : 0;
    }
    if (reg == VIRTIO_REG_ISR && bytes == 1)
        return 1;
    if (reg >= VIRTIO_REG_CONFIG) {
        reg -= VIRTIO_REG_CONFIG;
        if (f->subsys == VIRTIO_ID_BLOCK && bytes == 4 && reg == 0)
            return (uint32_t)f->capacity;
        if (f->subsys == VIRTIO_ID_BLOCK && bytes == 4 && reg == 4)
            return (uint32_t)(f->capacity >> 32);
        if (f->subsys == VIRTIO_ID_BLOCK && bytes == 4 &&
            reg == BLK_CFG_SIZE_MAX)
            return ((f->mtu >> 6) & 0x3F) * 256U + 1;
        if (f->subsys == VIRTIO_ID_BLOCK && bytes == 4 &&
            reg == BLK_CFG_SEG_MAX)
            return f->mtu & 0x3F;
        if (f->subsys == VIRTIO_ID_BLOCK && bytes == 4 &&
            reg == BLK_CFG_BLK_SIZE)
            return 256U << (f->mtu >> 12);
        if (f->subsys == VIRTIO_ID_NET && bytes == 2 && reg == NET_CFG_MTU)
            return f->mtu;
        if (f->subsys == VIRTIO_ID_NET && bytes == 1 && reg < 6)
            return 0x52 + reg;
    }
    return 0;
}

static void fz_out(uint16_t port, unsigned bytes, uint32_t value)
{
    struct fz_func *f;
    uint16_t reg;

    if (port == PCI_CONFIG_ADDR && bytes == 4) {
        config_addr = value;
        return;
    }
    if (port == PCI_CONFIG_DATA)
        return;
    f = func_at_port(port, &reg);
    if (f != NULL && reg == VIRTIO_REG_QUEUE_SELECT && bytes == 2)
        f->select = (uint16_t)value;
}

/* ---- the device's side of the queues ---- */

/* Byte i of every frame the device receives. */
static uint8_t frame_byte(size_t i)
{
    return (uint8_t)(i ^ 0x5A);
}

/* The device writes status to the last descriptor of the chain at head. */
static void blk_answer(struct virtq *q, uint32_t head, uint8_t status)
{
    uint32_t i = head;

    if (head >= q->num)
        return;
    for (unsigned k = 0; k < q->num && (q->desc[i].flags & VRING_DESC_F_NEXT);
         k++)
        if ((i = q->desc[i].next) >= q->num)
            return;
    if ((q->desc[i].flags & VRING_DESC_F_WRITE) && q->desc[i].len >= 1)
        *(volatile uint8_t *)(uintptr_t)q->desc[i].addr = status;
}

/* The queue of handle (a net device's tx queue if tx), or NULL. */
static struct virtq *queue_of(unsigned h, bool tx, bool *rx)
{
    *rx = false;
    if (nets[h].present) {
        *rx = !tx;
        return tx ? &nets[h].tx : &nets[h].rx;
    }
    return blks[h].present ? &blks[h].q : NULL;
}

/* Performs the next operation if it is the device's; false if it is not. */
static bool device_step(void)
{
    unsigned op = in.n > 0 ? in.p[0] : 1, count;
    struct virtq *q;
    bool rx;

    if ((op & 7) != 0 && (op & 7) != 6 && (op & 7) != 7)
        return false;
    fz_take(&in, 1);
    q = queue_of((op >> 3) & 7, (op >> 6) & 1, &rx);
    if ((op & 7) == 6) {
        uint16_t idx = (uint16_t)fz_take(&in, 2);

        if (q != NULL)
            q->used[1] = idx;
        return true;
    }
    count = ((unsigned)fz_take(&in, 1) & 7) + 1;
    for (unsigned i = 0; i < count; i++) {
        uint32_t id = (uint32_t)fz_take(&in, 4),
                 len = (uint32_t)fz_take(&in, 4);
        uint8_t status = (uint8_t)fz_take(&in, 1);
        volatile struct vring_used_elem *u;

        if (q == NULL)
            continue;
        u = (volatile struct vring_used_elem *)&q->used[2];
        u = &u[(uint16_t)(q->used[1]) & (q->num - 1)];
        u->id = id;
        u->len = len;
        if (rx && id < q->num) {
            uint8_t *b = (uint8_t *)(uintptr_t)q->desc[id].addr;
            size_t n = len < q->desc[id].len ? len : q->desc[id].len;

            for (size_t j = 0; j < n; j++)
                b[j] = frame_byte(j);
        }
        if (!rx && blks[(op >> 3) & 7].present)
            blk_answer(q, id, status);
        q->used[1] = (uint16_t)(q->used[1] + 1);
    }
    return true;
}

/* ---- set-up and operations ---- */

static void reset(void)
{
    struct mft *m = (struct mft *)mft_buf;
    unsigned d = (unsigned)fz_take(&in, 1), n = (d & 3) + 1;

    memset(nets, 0, sizeof nets);
    memset(blks, 0, sizeof blks);
    next_index = 1;
    virtio_irq_lines = 0;
    now = 0;
    in_block_io = ring_next = false;
    io_start = 0;
    config_addr = 0;
    budget = MEM_BUDGET;
    release();

    memset(mft_buf, 0, sizeof mft_buf);
    m->version = MFT_VERSION;
    m->entries = n + 1;
    m->e[0].type = MFT_RESERVED_FIRST;
    for (unsigned i = 1; i <= n; i++) {
        snprintf(m->e[i].name, sizeof m->e[i].name, "dev%u", i);
        m->e[i].type =
            (d >> (1 + i)) & 1 ? MFT_DEV_NET_BASIC : MFT_DEV_BLOCK_BASIC;
    }
    virtio_mft = m;
    bindings_mft_set(m);

    nfuncs = (unsigned)fz_take(&in, 1) % (MAX_FUNCS + 1);
    for (unsigned i = 0; i < nfuncs; i++) {
        struct fz_func *f = &funcs[i];

        f->slot = (uint8_t)(fz_take(&in, 1) & 31);
        f->flags = (uint8_t)fz_take(&in, 1);
        f->bar = (uint32_t)fz_take(&in, 4);
        if (!(f->flags & 1))
            f->bar = (0xC000U + 0x40U * i) | 1;
        f->irq = (uint8_t)fz_take(&in, 1);
        f->subsys = (uint16_t)fz_take(&in, 2);
        f->features = (uint32_t)fz_take(&in, 4);
        f->qsize[0] = (uint16_t)fz_take(&in, 2);
        f->qsize[1] = (uint16_t)fz_take(&in, 2);
        f->mtu = (uint16_t)fz_take(&in, 2);
        f->capacity = fz_take(&in, 8);
        f->select = 0;
    }
}

/* A boot abort the bindings may make on what the devices say. */
static bool boot_panic_expected(void)
{
    static const char *const ok[] = {
        "virtio-net: the device has no MAC address",
        "virtio-net: the device's MTU",
        "virtio-net: cannot set up its queues",
        "Not enough memory for virtio-net buffers",
        "virtio-blk: cannot set up its queue",
        "virtio-blk: the device's segment limits",
        "Virtio device ",
        "All declared devices must be attached",
    };

    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (fz_panicked(ok[i]))
            return true;
    return false;
}

/* What an attached block device must look like: its chains fit the queue. */
static void check_blk(const struct mft_entry *e, const struct blk_dev *b)
{
    uint32_t bs = e->u.block_basic.block_size;

    if (!b->present || b->q.num < 3 || bs < BLK_SECTOR || bs > BLK_MAX_BLOCK ||
        (bs & (bs - 1)) != 0 || e->u.block_basic.capacity % bs != 0)
        abort();
    if (b->chain_descs < 3 || b->nslots == 0 || b->nslots > BLK_MAX_INFLIGHT ||
        (uint32_t)b->chain_descs * b->nslots > b->q.num ||
        b->chain_bytes == 0 || b->chain_bytes % bs != 0 ||
        (b->chain_bytes + b->seg_bytes - 1) / b->seg_bytes + 2 !=
            b->chain_descs)
        abort();
    if ((e->u.block_basic.features & MFT_BLOCK_F_MULTI) &&
        (e->u.block_basic.max_request < bs ||
         e->u.block_basic.max_request % bs != 0))
        abort();
    if (!!(e->u.block_basic.features & MFT_BLOCK_F_FLUSH) != b->flush)
        abort();
}

/* What attached devices must look like. */
static void check_devices(void)
{
    const struct mft *m = virtio_mft;

    for (unsigned h = 1; h < m->entries; h++) {
        if (!m->e[h].attached)
            abort();
        if (m->e[h].type == MFT_DEV_NET_BASIC &&
            (!nets[h].present || m->e[h].u.net_basic.mtu < NET_MIN_MTU ||
             nets[h].buf_size !=
                 NET_HDR_SIZE + SOLO5_NET_HLEN + m->e[h].u.net_basic.mtu))
            abort();
        if (m->e[h].type == MFT_DEV_BLOCK_BASIC)
            check_blk(&m->e[h], &blks[h]);
    }
}

static void net_read_op(unsigned op)
{
    static uint8_t buf[NET_HDR_SIZE + SOLO5_NET_HLEN + 65536];
    solo5_handle_t h = (op >> 3) & 7;
    size_t max = net_frame_max(h), size, got = 0;
    static const size_t sizes[4] = {0, 1, 0, sizeof buf};
    solo5_result_t r;

    size = (op >> 6) == 0 ? max : (op >> 6) == 2 ? max + 1 : sizes[op >> 6];
    if (size > sizeof buf)
        size = sizeof buf;
    r = solo5_net_read(h, buf, size, &got);
    if (r == SOLO5_R_OK) {
        if (got > size || got > max || max == 0)
            abort();
        for (size_t j = 0; j < got; j++)
            if (buf[j] != frame_byte(NET_HDR_SIZE + j))
                abort();
    }
}

/* A request of ours left in flight after a call returned OK is a bug. */
static void check_idle(solo5_handle_t h)
{
    if (h >= MFT_MAX_ENTRIES || !blks[h].present)
        return;
    for (unsigned i = 0; i < BLK_MAX_INFLIGHT; i++)
        if (blks[h].busy[i])
            abort();
}

static void block_op(unsigned op)
{
    static uint8_t buf[256 * BLK_MAX_BLOCK];
    solo5_handle_t h = (op >> 3) & 7;
    const struct mft_entry *e = bindings_mft_by_index(h, MFT_DEV_BLOCK_BASIC);
    size_t bs = e != NULL ? e->u.block_basic.block_size : BLK_SECTOR;
    solo5_off_t off = (solo5_off_t)fz_take(&in, 1) * bs;
    size_t n = (size_t)fz_take(&in, 1), size = n == 0 ? 100 : n * bs;
    solo5_result_t r;

    in_block_io = true;
    io_start = now;
    if ((op & 0xC0) == 0xC0)
        r = solo5_block_flush(h);
    else if (op & 0x40)
        r = solo5_block_write(h, off, buf, size);
    else
        r = solo5_block_read(h, off, buf, size);
    in_block_io = false;
    if (r == SOLO5_R_OK)
        check_idle(h);
}

static void run_ops(void)
{
    static uint8_t frame[65536 + SOLO5_NET_HLEN + 1];

    while (in.n > 0) {
        unsigned op;

        if (device_step())
            continue;
        op = (unsigned)fz_take(&in, 1);
        switch (op & 7) {
        case 1:
            net_read_op(op);
            break;
        case 2:
            (void)solo5_net_write((op >> 3) & 7, frame,
                                  (size_t)fz_take(&in, 2) % sizeof frame);
            break;
        case 3:
            block_op(op);
            break;
        case 4:
            (void)net_ready_set();
            break;
        default:
            net_drain();
            break;
        }
        check_devices();
    }
}

/* The limits the driver uses: the build's, or others the input picks. */
static unsigned limits_pick;

const struct blk_limits *blk_limits(void)
{
    static const struct blk_limits others[] = {
        {.seg_bytes = 512, .chain_bytes = 512, .inflight = 1},
        {.seg_bytes = 700,
         .chain_bytes = 2048,
         .inflight = 3,
         .max_request = 8192},
        {.seg_bytes = 4096,
         .chain_bytes = 4096,
         .inflight = 64,
         .max_request = 1 << 20},
    };

    return limits_pick == 0 ? blk_limits_build() : &others[limits_pick - 1];
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int jb;

    in = (struct fz_input){data, size};
    reset();
    fz_line[0] = '\0';
    fz_in_call = 1;
    jb = setjmp(fz_jb);
    if (jb == 0) {
        limits_pick = nfuncs > 0 ? (funcs[0].features >> 12) & 3 : 0;
        pci_scan();
        dev_check_all_attached();
        check_devices();
        run_ops();
    } else if (jb == JB_PANIC && !boot_panic_expected()) {
        fprintf(stderr, "fuzz: unexpected panic: %s", fz_line);
        abort();
    }
    fz_in_call = 0;
    return 0;
}
