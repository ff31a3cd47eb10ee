/* Kiln virtio split virtqueues, legacy layout: set-up, publish, consume. */
#include "virtio.h"

#define PAGE_SIZE 4096UL
#define VRING_ALIGN 4096UL

static uintptr_t align_up(uintptr_t a, uintptr_t n)
{
    return (a + n - 1) & ~(n - 1);
}

/* Bytes of the legacy layout for num entries: descriptors, avail, used. */
static uintptr_t vring_size(uint16_t num, uintptr_t *used_off)
{
    uintptr_t avail_end = 16UL * num + 6 + 2UL * num;

    *used_off = align_up(avail_end, VRING_ALIGN);
    return *used_off + 6 + 8UL * num;
}

bool virtq_init(struct virtq *q, uint16_t iobase, uint16_t index,
                uint64_t mem_size)
{
    uintptr_t used_off, size, base;
    uint16_t num;

    cpu_outw(iobase + VIRTIO_REG_QUEUE_SELECT, index);
    num = cpu_inw(iobase + VIRTIO_REG_QUEUE_SIZE);
    /* Legacy sizes are powers of two; the index masks rely on it. */
    if (num == 0 || (num & (num - 1)) != 0)
        return false;
    size = vring_size(num, &used_off);
    base = mem_reserve(size, mem_size);
    if (base == 0)
        return false;
    memset((void *)base, 0, align_up(size, PAGE_SIZE));
    *q = (struct virtq){
        .iobase = iobase,
        .index = index,
        .num = num,
        .desc = (struct vring_desc *)base,
        .avail = (volatile uint16_t *)(base + 16UL * num),
        .used = (volatile uint16_t *)(base + used_off),
    };
    cpu_outl(iobase + VIRTIO_REG_QUEUE_PFN, (uint32_t)(base / PAGE_SIZE));
    return true;
}

/* avail: flags, idx, ring[num], used_event; used: flags, idx, elems, event. */
static volatile uint16_t *avail_idx(struct virtq *q)
{
    return &q->avail[1];
}

static volatile uint16_t *used_event(struct virtq *q)
{
    return &q->avail[2 + q->num];
}

static uint16_t used_idx(const struct virtq *q)
{
    return q->used[1];
}

static uint16_t avail_event(const struct virtq *q)
{
    return q->used[2 + 4 * q->num];
}

void virtq_push(struct virtq *q, uint16_t head)
{
    q->avail[2 + (q->next_avail & (q->num - 1))] = head;
    /* The descriptors and the ring slot before the index (x86 is TSO). */
    __asm__ volatile("" : : : "memory");
    q->next_avail++;
    *avail_idx(q) = q->next_avail;
}

static bool notify_needed(const struct virtq *q)
{
    uint16_t event;

    if (!q->event_idx)
        return !(q->used[0] & 1); /* VRING_USED_F_NO_NOTIFY */
    /* Only if the device's event lies in what was published since. */
    event = avail_event(q);
    return (uint16_t)(q->next_avail - event - 1) <
           (uint16_t)(q->next_avail - q->notified);
}

void virtq_notify(struct virtq *q)
{
    /* The index store must be visible before the device's event is read. */
    cpu_mfence();
    if (notify_needed(q))
        cpu_outw(q->iobase + VIRTIO_REG_QUEUE_NOTIFY, q->index);
    q->notified = q->next_avail;
}

bool virtq_pending(const struct virtq *q)
{
    return used_idx(q) != q->last_used;
}

bool virtq_pop(struct virtq *q, struct vring_used_elem *e)
{
    const volatile struct vring_used_elem *elems =
        (const volatile struct vring_used_elem *)&q->used[2];
    const volatile struct vring_used_elem *u;

    if (!virtq_pending(q))
        return false;
    /* Read the element only after seeing the index that covers it. */
    __asm__ volatile("" : : : "memory");
    u = &elems[q->last_used & (q->num - 1)];
    e->id = u->id;
    e->len = u->len;
    q->last_used++;
    /* Interrupt us again as soon as the next buffer is used. */
    *used_event(q) = q->last_used;
    return true;
}
