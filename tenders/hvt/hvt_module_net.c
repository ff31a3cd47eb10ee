/* solo5-hvt net module: --net taps, NET_READ/NET_WRITE and the net ring. */
#include "hvt_module_net.h"

#include "common_dev.h"

#include <err.h>
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "solo5.h"

static const char *const net_flags[] = {"--no-net-ring", NULL};

/* The ring: the core knows nothing of it but the hooks below. */
static struct {
    bool no_ring;          /* --no-net-ring */
    uint64_t gpa;          /* its area at the top of guest memory, 0 if none */
    bool offered;          /* served: the boot info tells the guest */
    struct hvt_ring *ring; /* host view of the guest's ring area */
    int kickfd;            /* eventfd the guest's kicks signal */
    atomic_bool started, stop;
    pthread_t thread;
} ring = {.kickfd = -1};

static void hc_net_write(struct hvt *h, uint64_t gpa)
{
    struct hvt_hc_net *a = HVT_ARG(h, gpa, sizeof *a, true);
    uint64_t len = a->len, data = a->data;
    const struct mft_entry *e =
        dev_attached(&h->t, a->handle, MFT_DEV_NET_BASIC);
    const void *buf;

    if (e == NULL || len == 0 || len > hvt_frame_max(e)) {
        a->ret = SOLO5_R_EINVAL;
        return;
    }
    buf = HVT_GPA(h, data, len, false);
    /* A frame the tap does not take whole is dropped, as the API allows. */
    a->ret = write(e->b.hostfd, buf, len) == (ssize_t)len ? SOLO5_R_OK
                                                          : SOLO5_R_EUNSPEC;
}
HVT_HYPERCALL(NET_WRITE, hc_net_write);

static void hc_net_read(struct hvt *h, uint64_t gpa)
{
    struct hvt_hc_net *a = HVT_ARG(h, gpa, sizeof *a, true);
    uint64_t len = a->len, data = a->data;
    const struct mft_entry *e =
        dev_attached(&h->t, a->handle, MFT_DEV_NET_BASIC);
    ssize_t n;
    void *buf;

    if (e == NULL || len == 0) {
        a->ret = SOLO5_R_EINVAL;
        return;
    }
    buf = HVT_GPA(h, data, len, true);
    n = read(e->b.hostfd, buf, len);
    if (n == 0 || (n < 0 && errno == EAGAIN)) {
        a->ret = SOLO5_R_AGAIN;
        return;
    }
    if (n < 0) {
        a->ret = SOLO5_R_EUNSPEC;
        return;
    }
    a->len = (uint64_t)n;
    a->ret = SOLO5_R_OK;
}
HVT_HYPERCALL(NET_READ, hc_net_read);

/* ---- the ring thread ------------------------------------------------------
 */

/* Sleeps until kicked, unless work arrived while announcing it. */
static void ring_sleep(struct hvt_ring *r)
{
    uint64_t v;

    __atomic_store_n(&r->needs_kick, 1, __ATOMIC_SEQ_CST);
    if (!hvt_ring_pending(r) && !atomic_load(&ring.stop)) {
        if (read(ring.kickfd, &v, sizeof v) < 0 && errno != EINTR)
            hvt_die("net ring: read(eventfd): %s", strerror(errno));
    }
    __atomic_store_n(&r->needs_kick, 0, __ATOMIC_SEQ_CST);
}

static void *ring_main(void *arg)
{
    struct hvt *h = arg;
    unsigned idle = 0;

    /* The thread is set up (libc is done with its own start-up calls): from
     * here on the sandbox may hold. */
    atomic_store(&ring.started, true);
    while (!atomic_load(&ring.stop)) {
        if (hvt_ring_serve(h, ring.ring) > 0)
            idle = 0;
        else if (++idle >= HVT_RING_SPIN) {
            ring_sleep(ring.ring);
            idle = 0;
        } else
            __builtin_ia32_pause();
    }
    /* What the guest submitted before it halted still goes out. */
    hvt_ring_serve(h, ring.ring);
    return NULL;
}

/* The guest exited: the ring thread serves what is left, then ends. After a
 * fatal error nothing is joined (the ring thread may be the one ending). */
static void ring_exit(struct tender *t, int status, bool fatal)
{
    uint64_t one = 1;

    (void)t, (void)status;
    if (!ring.offered || fatal)
        return;
    atomic_store(&ring.stop, true);
    if (write(ring.kickfd, &one, sizeof one) < 0) {
        /* the thread notices the flag within one spin anyway */
    }
    pthread_join(ring.thread, NULL);
}

/* What the ring thread does once the sandbox is in: kicks, join, exit. */
static void ring_rules(struct sandbox *sb)
{

    sandbox_allow(sb, SYS_read, 1, 0u, SANDBOX_EQ, (uint64_t)ring.kickfd);
    sandbox_allow(sb, SYS_write, 1, 0u, SANDBOX_EQ, (uint64_t)ring.kickfd);
    /* pthread_join waits on the thread's exit with a futex. */
    sandbox_allow(sb, SYS_futex, 0);
    /* The thread's own exit: libc blocks signals, frees the unused part of
     * its stack, ends the thread. */
    sandbox_allow(sb, SYS_rt_sigprocmask, 1, 0u, SANDBOX_EQ,
                  (uint64_t)SIG_BLOCK);
    sandbox_allow(sb, SYS_exit, 0);
    sandbox_allow(sb, SYS_madvise, 1, 2u, SANDBOX_EQ, (uint64_t)MADV_DONTNEED);
}

/* The ring area below top, when a net device is named and the ring is not
 * refused (--no-net-ring), if guest memory has room. */
static uint64_t reserve(struct tender *t, uint64_t top)
{
    unsigned i = 0;

    while (i < t->mft->entries &&
           (t->mft->e[i].type != MFT_DEV_NET_BASIC || dev_args[i].path == NULL))
        i++;
    if (ring.no_ring || i == t->mft->entries)
        return 0;
    if (top < 2 * HVT_LARGE_PAGE) {
        warnx("Not enough guest memory for ring allocation");
        return 0;
    }
    ring.gpa = top - HVT_RING_AREA;
    return HVT_RING_AREA;
}

/* Offers the ring if memory was reserved and the hypervisor can turn kicks
 * into an eventfd: decided before the VM exists, as the allowlist holds the
 * ring thread's rules only then. */
static void ring_setup(struct hvt *h)
{
    struct guest_mem all = {h->mem.host, 0, h->alloc_size};

    if (ring.gpa == 0)
        return;
    ring.ring = gmem_ptr(&all, ring.gpa, HVT_RING_SIZE);
    ring.kickfd = eventfd(0, EFD_CLOEXEC);
    if (ring.ring == NULL || ring.kickfd < 0 || !hvt_vm_can_kick()) {
        warnx("net ring not offered: the hypervisor cannot signal kicks");
        return;
    }
    ring.offered = true;
}

/* The VM exists now: the kick registered and the ring's thread started,
 * then the guest told. */
static void boot_info(struct tender *t, struct hvt_boot_info *bi)
{
    struct hvt *h = hvt_of(t);

    if (!ring.offered)
        return;
    if (hvt_vm_kick_fd(h, HVT_RING_KICK_PIO, ring.kickfd) != 0)
        hvt_die("net ring: the hypervisor refused the kick's eventfd");
    if (pthread_create(&ring.thread, NULL, ring_main, h) != 0)
        hvt_die("net ring: cannot start its thread");
    while (!atomic_load(&ring.started))
        sched_yield();
    bi->host_features |= HVT_FEATURE_RING_IO;
    bi->net_ring = ring.gpa;
}

static int handle_option(struct tender *t, const char *opt)
{
    if (strcmp(opt, "--no-net-ring") == 0) {
        (void)t;
        ring.no_ring = true;
        return 0;
    }
    return dev_net_option(t, opt);
}

static int setup(struct tender *t)
{
    int attached = dev_attach_all(t, MFT_DEV_NET_BASIC, dev_net_attach);

    if (attached <= 0)
        return attached;
    hvt_hypercall_enable(HVT_HYPERCALL_NET_WRITE);
    hvt_hypercall_enable(HVT_HYPERCALL_NET_READ);
    ring_setup(hvt_of(t));
    return 0;
}

/* The taps' frames, and the ring thread if it runs. */
static void rules(struct tender *t, struct sandbox *sb)
{
    dev_net_rules(t, sb);
    if (ring.offered)
        ring_rules(sb);
}

/* A 1500-byte MTU, and the ring offered: its thread's rules too. */
static void describe(struct tender *t)
{
    dev_describe(t, MFT_DEV_NET_BASIC)->u.net_basic.mtu = 1500;
    ring.offered = true;
}

static const struct tender_module net_module = {
    .name = "net",
    .usage = "  [ --net:NAME=IFACE | @NN ] (attach tap at IFACE or at "
             "descriptor NN as network NAME)\n"
             "  [ --net-mac:NAME=HWADDR ] (set HWADDR for network NAME)\n"
             "  [ --no-net-ring ] (do not offer the shared-memory net ring)\n",
    .flags = net_flags,
    .handle_option = handle_option,
    .reserve = reserve,
    .setup = setup,
    .boot_info = boot_info,
    .rules = rules,
    .describe = describe,
    .exit = ring_exit,
};
TENDER_MODULE(net, net_module);
TENDER_MODULE_OPTIONS(net, "--net --net-mac --no-net-ring");
