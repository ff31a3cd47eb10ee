/* Kiln hvt network ring: the guest side of the shared-memory protocol. */
#include "bindings_hvt.h"

#define RING_BUFS_SIZE ((size_t)HVT_RING_SLOTS * HVT_RING_BUF_SIZE)

static struct hvt_ring *ring;
/* One frame buffer per slot, taken from free memory by ring_setup. */
static uint8_t (*bufs)[HVT_RING_BUF_SIZE];

void ring_setup(const struct hvt_boot_info *bi)
{
    uintptr_t mem;

    /* Both: a tender writing the old 40-byte boot info leaves garbage here. */
    if (!(bi->host_features & HVT_FEATURE_RING_IO) || bi->net_ring == NULL)
        return;
    mem = mem_reserve(RING_BUFS_SIZE, bi->mem_size);
    if (mem == 0) {
        log_printf(LOG_WARN, "Solo5: WARNING: not enough memory for the "
                             "network ring, using hypercalls\n");
        return;
    }
    bufs = (uint8_t(*)[HVT_RING_BUF_SIZE])mem;
    ring = bi->net_ring;
}

bool ring_active(void)
{
    return ring != NULL;
}

static uint32_t load_acquire(const uint32_t *p)
{
    return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

/* Waits for a free slot and returns the index of the next submission. */
static uint32_t ring_reserve(void)
{
    uint32_t tail = ring->ent_tail;

    while (tail - load_acquire(&ring->ent_head) >= HVT_RING_SLOTS - 1)
        cpu_pause();
    return tail;
}

/* Publishes the entry at index tail; kicks the host if it went to sleep. */
static void ring_submit(uint32_t tail, uint32_t op, solo5_handle_t handle,
                        void *data, size_t len)
{
    struct hvt_ring_entry *e = &ring->entries[tail & HVT_RING_MASK];

    e->operation = op;
    e->handle = (uint32_t)handle;
    e->data = data;
    e->len = len > UINT32_MAX ? UINT32_MAX : (uint32_t)len;
    e->id = tail;
    e->reserved = 0;
    /* The entry is complete before the host can see the new tail. */
    __atomic_store_n(&ring->ent_tail, tail + 1, __ATOMIC_RELEASE);
    /* The tail store is visible before needs_kick is read. */
    cpu_mfence();
    if (__atomic_load_n(&ring->needs_kick, __ATOMIC_RELAXED) != 0)
        cpu_outl(HVT_RING_KICK_PIO, 0);
}

solo5_result_t ring_net_write(solo5_handle_t handle, const uint8_t *buf,
                              size_t size)
{
    uint32_t tail = ring_reserve();
    uint8_t *slot = bufs[tail & HVT_RING_MASK];

    /* The slot is free: at most SLOTS - 1 entries are ever in flight. */
    memcpy(slot, buf, size);
    ring_submit(tail, HVT_RING_OP_NET_WRITE, handle, slot, size);
    return SOLO5_R_OK;
}

solo5_result_t ring_net_read(solo5_handle_t handle, uint8_t *buf, size_t size,
                             size_t *read_size)
{
    uint32_t tail = ring_reserve(), head = ring->com_head;
    struct hvt_ring_commit c;

    ring_submit(tail, HVT_RING_OP_NET_READ, handle, buf, size);
    /* Reads are the only operations completed, and one runs at a time. */
    while (load_acquire(&ring->com_tail) == head)
        cpu_pause();
    c = ring->commits[head & HVT_RING_MASK];
    __atomic_store_n(&ring->com_head, head + 1, __ATOMIC_RELEASE);
    if (c.id != tail)
        PANIC("network ring: completion %u for request %u", c.id, tail);
    if (c.ret == SOLO5_R_OK)
        *read_size = c.len;
    return (solo5_result_t)c.ret;
}

void ring_drain(void)
{
    while (load_acquire(&ring->ent_head) != ring->ent_tail)
        cpu_pause();
}
