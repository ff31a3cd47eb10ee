/* Shared harness of the hvt fuzzers: guarded guest memory, devices, model. */
#ifndef FUZZ_HVT_H
#define FUZZ_HVT_H

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <unistd.h>

#include "common_dev.h"
#include "hvt_module_net.h"
#include "hvt_module_vcpu.h"
#include "solo5.h"

/*
 * Guest memory is a memfd mapped twice: the tender's view (h->mem.host),
 * with PROT_NONE guards on both sides and the read-only segments mapped
 * PROT_READ, so any tender access outside it or write into them crashes;
 * and the harness's writable alias, through which inputs are poked.
 */
#define FZ_MEM (4ULL << 20)
#define FZ_GUARD (1ULL << 20)
#define FZ_RO0_START 0x100000ULL /* like an image's text */
#define FZ_RO0_END 0x110000ULL
#define FZ_RO1_START 0x200000ULL /* a second segment, on the 2 MiB line */
#define FZ_RO1_END 0x202000ULL

/* Manifest handles: 0 is the reserved entry. */
#define FZ_BLK 1
#define FZ_NET 2
#define FZ_BS 512ULL
/* Twice guest memory: any request a valid buffer can hold may lie inside. */
#define FZ_CAP (2 * FZ_MEM)
#define FZ_MTU 1500U
#define FZ_FRAME_MAX (FZ_MTU + 14)
#define FZ_DGRAM_MAX 2048U /* injected frames may exceed the MTU */

#define FZ_RING_GPA (FZ_MEM - HVT_RING_AREA) /* ring area, when reserved */

static struct hvt fz_h;
static uint8_t *fz_host;     /* the tender's view, as set up */
static uint64_t fz_mem_size; /* guest-usable memory, as set up */
static uint8_t *fz_alias;
static int fz_net[2];    /* [0] the tender's "tap", [1] the wire */
static int fz_disk = -1; /* the block device's memfd */
static uint8_t fz_mft0[MFT_SIZE(3)];

/* hvt_die and a HALT's exit come back here while the tender runs. */
static jmp_buf fz_jb;
static int fz_in_call;
static char fz_msg[512];
static int fz_status;

enum { FZ_RETURNED, FZ_DIED, FZ_HALTED };

void hvt_die(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    vsnprintf(fz_msg, sizeof fz_msg, fmt, ap);
    va_end(ap);
    if (!fz_in_call) {
        fprintf(stderr, "fuzz: hvt_die outside a call: %s\n", fz_msg);
        abort();
    }
    longjmp(fz_jb, 1 + FZ_DIED);
}

/* Linked with --wrap=exit: HALT's exit(status) returns to the harness. */
void __real_exit(int status) __attribute__((noreturn));
void __wrap_exit(int status) __attribute__((noreturn));
void __wrap_exit(int status)
{
    if (!fz_in_call)
        __real_exit(status);
    fz_status = status;
    longjmp(fz_jb, 1 + FZ_HALTED);
}

/* Linked with --wrap=tap_attach: the net device is a datagram socket, so
 * dev_net_attach and the real net module setup run unchanged. */
int __wrap_tap_attach(const char *iface, int *fd, unsigned *mtu,
                      struct kiln_err *err);
int __wrap_tap_attach(const char *iface, int *fd, unsigned *mtu,
                      struct kiln_err *err)
{
    (void)iface, (void)err;
    *fd = fz_net[0];
    *mtu = FZ_MTU;
    return 0;
}

/* Backend stand-ins: no kick eventfd, so no ring thread is started. */
bool hvt_vm_can_kick(void)
{
    return false;
}

int hvt_vm_kick_fd(struct hvt *h, unsigned port, int fd)
{
    (void)h, (void)port, (void)fd;
    return -1;
}

void hvt_vm_sandbox(const struct hvt *h, struct sandbox *sb)
{
    (void)h, (void)sb;
}

/* The gdb and dumpcore modules' backend calls: never reached, no --gdb or
 * --dumpcore is given. */
const struct hvt_debugger *hvt_debugger;

void hvt_vcpu_state_get(struct hvt *h, struct hvt_cpu_state *s)
{
    (void)h, (void)s;
    abort();
}

void hvt_vcpu_state_set(struct hvt *h, const struct hvt_cpu_state *s)
{
    (void)h, (void)s;
    abort();
}

void hvt_vcpu_debug(struct hvt *h, bool step, const uint64_t addr[4],
                    uint64_t ctl)
{
    (void)h, (void)step, (void)addr, (void)ctl;
    abort();
}

void hvt_vm_debug_sandbox(const struct hvt *h, struct sandbox *sb)
{
    (void)h, (void)sb;
}

void hvt_vm_state_sandbox(const struct hvt *h, struct sandbox *sb)
{
    (void)h, (void)sb;
}

static void fz_fail(const char *what)
{
    fprintf(stderr, "fuzz: setup: %s: %s\n", what, strerror(errno));
    abort();
}

/* The tender as hvt_main leaves it before KVM_RUN, with or without the
 * ring area at the top of memory. */
static void fz_setup(bool ring)
{
    static char disk_path[64];
    struct hvt *h = &fz_h;
    struct mft *m = mft_of(&h->t.mft_store);
    int mfd = memfd_create("fuzz-guest", MFD_CLOEXEC), null;
    const struct tender_module *mod;
    struct hvt_boot_info bi = {0};
    uint8_t *base;

    if (mfd < 0 || ftruncate(mfd, FZ_MEM) != 0)
        fz_fail("guest memfd");
    base = mmap(NULL, FZ_MEM + 2 * FZ_GUARD, PROT_NONE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (base == MAP_FAILED)
        fz_fail("guard mapping");
    h->mem.host = mmap(base + FZ_GUARD, FZ_MEM, PROT_READ | PROT_WRITE,
                       MAP_SHARED | MAP_FIXED, mfd, 0);
    fz_alias = mmap(NULL, FZ_MEM, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0);
    if (h->mem.host == MAP_FAILED || fz_alias == MAP_FAILED)
        fz_fail("guest mapping");
    fz_host = h->mem.host;
    h->alloc_size = FZ_MEM;
    h->mem.size = fz_mem_size = ring ? FZ_RING_GPA : FZ_MEM;
    h->nro = 2;
    h->ro[0].start = FZ_RO0_START, h->ro[0].end = FZ_RO0_END;
    h->ro[1].start = FZ_RO1_START, h->ro[1].end = FZ_RO1_END;
    for (unsigned i = 0; i < h->nro; i++) {
        if (mprotect(h->mem.host + h->ro[i].start,
                     h->ro[i].end - h->ro[i].start, PROT_READ) != 0)
            fz_fail("mprotect");
    }

    fz_disk = memfd_create("fuzz-disk", MFD_CLOEXEC);
    if (fz_disk < 0 || ftruncate(fz_disk, FZ_CAP) != 0)
        fz_fail("disk memfd");
    snprintf(disk_path, sizeof disk_path, "/proc/self/fd/%d", fz_disk);
    if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0,
                   fz_net) != 0)
        fz_fail("socketpair");
    h->t.mft = m;
    h->t.mft_size = MFT_SIZE(3);
    m->version = MFT_VERSION;
    m->entries = 3;
    m->e[0].type = MFT_RESERVED_FIRST;
    strcpy(m->e[FZ_BLK].name, "disk0");
    m->e[FZ_BLK].type = MFT_DEV_BLOCK_BASIC;
    strcpy(m->e[FZ_NET].name, "net0");
    m->e[FZ_NET].type = MFT_DEV_NET_BASIC;
    dev_args[FZ_BLK].path = disk_path;
    dev_args[FZ_NET].path = "fuzz0";
    waitset_init(&h->t.ws);

    /* PUTS writes the guest's console: fd 1, not libFuzzer's stderr. */
    null = open("/dev/null", O_WRONLY);
    if (null < 0 || dup2(null, 1) != 1)
        fz_fail("/dev/null");
    close(null);

    hvt_core_setup(h);
    for (unsigned i = 0; (mod = tender_module_at(i)) != NULL; i++) {
        if (mod->setup != NULL && mod->setup(&h->t) != 0)
            fz_fail("module setup");
        if (mod->boot_info != NULL)
            mod->boot_info(&h->t, &bi);
    }
    /* No kick eventfd here: the ring is served by hand, never offered. */
    if (hvt_hypercall_count() != HVT_HYPERCALL_MAX - 1 ||
        !m->e[FZ_BLK].attached || !m->e[FZ_NET].attached ||
        m->e[FZ_BLK].u.block_basic.capacity != FZ_CAP ||
        bi.host_features != 0) {
        errno = 0;
        fz_fail("unexpected tender state after setup");
    }
    memcpy(fz_mft0, m, sizeof fz_mft0);
}

/* What the tender must never change: its devices and its view of memory. */
static void fz_check_state(void)
{
    const struct hvt *h = &fz_h;

    if (memcmp(fz_mft0, h->t.mft, sizeof fz_mft0) != 0 ||
        h->mem.host != fz_host || h->mem.base != 0 ||
        h->mem.size != fz_mem_size || h->nro != 2 ||
        h->ro[0].start != FZ_RO0_START || h->ro[1].end != FZ_RO1_END)
        abort();
}

/* ---- input decoding ---- */

struct fz_in {
    const uint8_t *p;
    size_t n;
};

/* Little-endian, zero once the input is used up. */
static uint64_t fz_take(struct fz_in *in, unsigned bytes)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < bytes && in->n > 0; i++, in->p++, in->n--)
        v |= (uint64_t)*in->p << (8 * i);
    return v;
}

/* Guest addresses that inputs are relative to: where bounds are. */
static uint64_t fz_anchor(unsigned a, uint64_t gpa)
{
    switch (a & 7) {
    case 0:
        return gpa;
    case 1:
        return 0;
    case 2:
        return fz_h.mem.size;
    case 3:
        return FZ_RO0_START;
    case 4:
        return FZ_RO0_END;
    case 5:
        return 1ULL << 32;
    case 6:
        return fz_h.alloc_size;
    default:
        return FZ_CAP;
    }
}

/* Stores bytes at guest address a, where it is backed (modulo 2^64). */
static void fz_poke(uint64_t a, const void *buf, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (a + i < fz_h.alloc_size)
            fz_alias[a + i] = ((const uint8_t *)buf)[i];
    }
}

/*
 * The rest of the input as chunks poked into guest memory, each at an
 * anchor plus a signed 32-bit offset. op bit 3: an 8-byte guest address
 * (anchor plus offset again) instead of raw bytes, so structs can point
 * just inside or outside any bound.
 */
static void fz_chunks(struct fz_in *in, uint64_t gpa)
{
    while (in->n > 0) {
        unsigned op = (unsigned)fz_take(in, 1);
        uint64_t at =
            fz_anchor(op, gpa) + (uint64_t)(int64_t)(int32_t)fz_take(in, 4);

        if (op & 8) {
            unsigned a = (unsigned)fz_take(in, 1);
            uint64_t v =
                fz_anchor(a, gpa) + (uint64_t)(int64_t)(int32_t)fz_take(in, 4);
            fz_poke(at, &v, sizeof v);
        } else {
            size_t len = (size_t)fz_take(in, 1);
            if (len > in->n)
                len = in->n;
            fz_poke(at, in->p, len);
            in->p += len;
            in->n -= len;
        }
    }
}

/* ---- the model of hvt_gpa ---- */

static char fz_want[96]; /* the end of the expected "Invalid guest access" */

/* Whether the tender may touch [gpa, gpa + len); if not, which message. */
static bool fz_access(uint64_t gpa, uint64_t len, bool write)
{
    const struct hvt *h = &fz_h;
    bool inside = gpa + len >= gpa && gpa + len <= h->mem.size;
    bool ro = false;

    for (unsigned i = 0; i < h->nro && inside && write; i++)
        ro |= gpa < h->ro[i].end && gpa + len > h->ro[i].start;
    if (inside && !ro)
        return true;
    snprintf(fz_want, sizeof fz_want, "gpa=0x%llx, sz=%llu%s",
             (unsigned long long)gpa, (unsigned long long)len,
             ro ? " (write to read-only memory)" : "");
    return false;
}

/* The same for a hypercall argument struct, which must be 8-byte aligned. */
static inline bool fz_arg(uint64_t gpa, uint64_t len, bool write)
{
    const struct hvt *h = &fz_h;
    bool inside = gpa + len >= gpa && gpa + len <= h->mem.size;

    if (inside && gpa % 8 != 0) {
        snprintf(fz_want, sizeof fz_want, "gpa=0x%llx, sz=%llu (misaligned)",
                 (unsigned long long)gpa, (unsigned long long)len);
        return false;
    }
    return fz_access(gpa, len, write);
}

/* A death the model predicted: an "Invalid guest access" naming the
 * access fz_access refused. */
static bool fz_died_as_wanted(void)
{
    size_t n = strlen(fz_msg), w = strlen(fz_want);

    return strstr(fz_msg, ": Invalid guest access: ") != NULL && n >= w &&
           strcmp(fz_msg + n - w, fz_want) == 0;
}

/* Guest memory at a, already known to be backed. */
static void *fz_mem(uint64_t a)
{
    return fz_alias + a;
}

/* ---- the net device's other end ---- */

/* Byte i of injected frame k. */
static uint8_t fz_frame_byte(unsigned k, size_t i)
{
    return (uint8_t)(0xa5 ^ (k * 37) ^ i ^ (i >> 8));
}

/* Queues a frame of len bytes for the tender to read: true if it was. */
static bool fz_inject(unsigned k, size_t len)
{
    static uint8_t buf[FZ_DGRAM_MAX];

    for (size_t i = 0; i < len; i++)
        buf[i] = fz_frame_byte(k, i);
    return send(fz_net[1], buf, len, 0) == (ssize_t)len;
}

/* Empties the tender's side: frames it did not read are dropped. */
static void fz_drain_tender(void)
{
    static uint8_t buf[FZ_DGRAM_MAX];

    while (recv(fz_net[0], buf, sizeof buf, 0) >= 0)
        ;
}

/* The next frame the tender wrote, or -1 if there is none. */
static ssize_t fz_wire_recv(void *buf, size_t size)
{
    ssize_t n = recv(fz_net[1], buf, size, MSG_TRUNC);

    if (n < 0 && errno != EAGAIN)
        abort();
    return n;
}

#endif /* FUZZ_HVT_H */
