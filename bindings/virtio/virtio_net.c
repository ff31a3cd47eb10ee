/* Kiln virtio-net: legacy queues, one-descriptor frames, 10-byte header. */
#include "virtio.h"

#define NET_F_MTU (1U << 3)
#define NET_F_MAC (1U << 5)
#define F_EVENT_IDX (1U << 29)
#define NET_CFG_MAC 0
#define NET_CFG_MTU 10
#define NET_DEFAULT_MTU 1500
#define NET_MIN_MTU 68  /* the least virtio lets a device offer */
#define NET_HDR_SIZE 10 /* virtio_net_hdr without merged buffers */
#define QUEUE_RX 0
#define QUEUE_TX 1
#define VRING_DESC_F_WRITE 2
#define TX_WAIT_NS 1000000000ULL /* a full tx queue is given a second */
#define TX_POLL_NS 1000000ULL
#define TX_DRAIN_NS 100000000ULL /* what an exit waits for queued frames */

struct net_dev {
    struct virtq rx, tx;
    uint8_t *rx_bufs, *tx_bufs;
    uint8_t *rx_busy; /* per rx descriptor: posted to the device */
    uint8_t *tx_busy; /* per tx descriptor: handed to the device */
    uint16_t tx_next; /* where to look for a free tx descriptor */
    size_t buf_size;  /* header plus the largest frame */
    bool present;
};

static struct net_dev nets[MFT_MAX_ENTRIES];

static uint8_t *net_buf(uint8_t *bufs, const struct net_dev *n, uint16_t i)
{
    return bufs + (size_t)i * n->buf_size;
}

static void rx_post(struct net_dev *n, uint16_t id)
{
    n->rx.desc[id] = (struct vring_desc){
        .addr = (uintptr_t)net_buf(n->rx_bufs, n, id),
        .len = (uint32_t)n->buf_size,
        .flags = VRING_DESC_F_WRITE,
    };
    n->rx_busy[id] = 1;
    virtq_push(&n->rx, id);
}

static uint8_t *reserve(size_t size)
{
    uintptr_t a = mem_reserve(size, virtio_mem_size);

    if (a == 0)
        PANIC("Not enough memory for virtio-net buffers");
    return (uint8_t *)a;
}

static void net_queues(struct net_dev *n, uint16_t iobase, bool event_idx)
{
    if (!virtq_init(&n->rx, iobase, QUEUE_RX, virtio_mem_size) ||
        !virtq_init(&n->tx, iobase, QUEUE_TX, virtio_mem_size))
        PANIC("virtio-net: cannot set up its queues");
    n->rx.event_idx = n->tx.event_idx = event_idx;
    n->rx_bufs = reserve((size_t)n->rx.num * n->buf_size);
    n->tx_bufs = reserve((size_t)n->tx.num * n->buf_size);
    n->rx_busy = reserve(n->rx.num);
    n->tx_busy = reserve(n->tx.num);
    memset(n->rx_busy, 0, n->rx.num);
    memset(n->tx_busy, 0, n->tx.num);
}

static void read_mac(uint16_t iobase, uint8_t *mac)
{
    for (int i = 0; i < SOLO5_NET_ALEN; i++)
        mac[i] = cpu_inb(iobase + VIRTIO_REG_CONFIG + NET_CFG_MAC + i);
}

void net_attach(const struct pci_virtio *f)
{
    struct mft_entry *e = dev_next_entry(MFT_DEV_NET_BASIC);
    uint32_t host, want;
    struct net_dev *n;
    uint16_t mtu = NET_DEFAULT_MTU;

    if (e == NULL)
        return;
    n = &nets[e - virtio_mft->e];
    host = virtio_dev_begin(f->iobase);
    if (!(host & NET_F_MAC))
        PANIC("virtio-net: the device has no MAC address");
    want = host & (NET_F_MAC | NET_F_MTU | F_EVENT_IDX);
    virtio_dev_features(f->iobase, want);
    if (want & NET_F_MTU)
        mtu = cpu_inw(f->iobase + VIRTIO_REG_CONFIG + NET_CFG_MTU);
    if (mtu < NET_MIN_MTU)
        PANIC("virtio-net: the device's MTU %u is below %u", mtu, NET_MIN_MTU);
    n->buf_size = NET_HDR_SIZE + SOLO5_NET_HLEN + (size_t)mtu;
    net_queues(n, f->iobase, want & F_EVENT_IDX);
    for (uint16_t i = 0; i < n->rx.num; i++)
        rx_post(n, i);
    virtio_dev_ready(f->iobase);
    virtq_notify(&n->rx);
    dev_irq_add(f->irq);
    n->present = true;
    read_mac(f->iobase, e->u.net_basic.mac);
    e->u.net_basic.mtu = mtu;
    e->attached = true;
}

/* The device behind handle, or NULL. */
static struct net_dev *net_get(solo5_handle_t handle)
{
    if (net_frame_max(handle) == 0 || !nets[handle].present)
        return NULL;
    return &nets[handle];
}

solo5_handle_set_t net_ready_set(void)
{
    solo5_handle_set_t set = 0;

    /* Our used_event stores before the index loads: else an interrupt the
     * device skips could leave a frame unseen until the next timer tick. */
    cpu_mfence();
    for (unsigned h = 0; h < MFT_MAX_ENTRIES; h++) {
        if (!nets[h].present)
            continue;
        /* Reading the ISR lowers the device's interrupt line. */
        (void)cpu_inb(nets[h].rx.iobase + VIRTIO_REG_ISR);
        if (virtq_pending(&nets[h].rx))
            set |= 1ULL << h;
    }
    return set;
}

/* Takes back the tx descriptors the device is done with. */
static void tx_reclaim(struct net_dev *n)
{
    struct vring_used_elem u;

    while (virtq_pop(&n->tx, &u))
        if (u.id < n->tx.num)
            n->tx_busy[u.id] = 0; /* a bogus id is ignored */
}

/* A free tx descriptor, waiting a while for one; -1 if none came. */
static int tx_slot(struct net_dev *n)
{
    uint64_t start = solo5_clock_monotonic();

    for (;;) {
        tx_reclaim(n);
        for (uint16_t k = 0; k < n->tx.num; k++) {
            uint16_t i = (uint16_t)((n->tx_next + k) & (n->tx.num - 1));

            if (!n->tx_busy[i]) {
                n->tx_next = (uint16_t)(i + 1);
                return i;
            }
        }
        if (solo5_clock_monotonic() - start > TX_WAIT_NS)
            return -1;
        sleep_at_most(TX_POLL_NS); /* tx completions interrupt too */
    }
}

solo5_result_t solo5_net_write(solo5_handle_t handle, const uint8_t *buf,
                               size_t size)
{
    struct net_dev *n = net_get(handle);
    uint8_t *b;
    int id;

    if (n == NULL || size > n->buf_size - NET_HDR_SIZE)
        return SOLO5_R_EINVAL;
    id = tx_slot(n);
    if (id < 0)
        return SOLO5_R_AGAIN;
    b = net_buf(n->tx_bufs, n, (uint16_t)id);
    memset(b, 0, NET_HDR_SIZE); /* no offloads */
    memcpy(b + NET_HDR_SIZE, buf, size);
    n->tx.desc[id] = (struct vring_desc){
        .addr = (uintptr_t)b, .len = (uint32_t)(NET_HDR_SIZE + size)};
    n->tx_busy[id] = 1;
    virtq_push(&n->tx, (uint16_t)id);
    virtq_notify(&n->tx);
    return SOLO5_R_OK;
}

solo5_result_t solo5_net_read(solo5_handle_t handle, uint8_t *buf, size_t size,
                              size_t *read_size)
{
    struct net_dev *n = net_get(handle);
    struct vring_used_elem u;

    /* Kiln refuses a buffer that could truncate a frame, rather than cut. */
    if (n == NULL || size < net_frame_max(handle))
        return SOLO5_R_EINVAL;
    while (virtq_pop(&n->rx, &u)) {
        /* An id we did not post is ignored; a bad length drops the frame. */
        if (u.id >= n->rx.num || !n->rx_busy[u.id])
            continue;
        n->rx_busy[u.id] = 0;
        if (u.len > NET_HDR_SIZE && u.len <= n->buf_size &&
            u.len - NET_HDR_SIZE <= size) {
            *read_size = u.len - NET_HDR_SIZE;
            memcpy(buf, net_buf(n->rx_bufs, n, (uint16_t)u.id) + NET_HDR_SIZE,
                   *read_size);
            rx_post(n, (uint16_t)u.id);
            virtq_notify(&n->rx);
            return SOLO5_R_OK;
        }
        rx_post(n, (uint16_t)u.id);
        virtq_notify(&n->rx);
    }
    return SOLO5_R_AGAIN;
}

/* Whether every frame handed to n has been sent. */
static bool tx_idle(struct net_dev *n)
{
    tx_reclaim(n);
    for (uint16_t i = 0; i < n->tx.num; i++)
        if (n->tx_busy[i])
            return false;
    return true;
}

void net_drain(void)
{
    uint64_t start = solo5_clock_monotonic();

    for (unsigned h = 0; h < MFT_MAX_ENTRIES; h++)
        while (nets[h].present && !tx_idle(&nets[h]) &&
               solo5_clock_monotonic() - start < TX_DRAIN_NS)
            sleep_at_most(TX_POLL_NS);
}
