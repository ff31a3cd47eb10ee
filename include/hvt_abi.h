/* Kiln hvt ABI (version 2, x86_64): hypercalls, boot info, network ring. */
#ifndef HVT_ABI_H
#define HVT_ABI_H

#include <stdint.h>

/*
 * A guest pointer inside an ABI structure: a real pointer in the guest,
 * which is built freestanding, and a guest-physical address (an integer the
 * tender must check before use) in the hosted tender. Either way 8 bytes.
 */
#if __STDC_HOSTED__
#define HVT_GUEST_PTR(T) uint64_t
#else
#define HVT_GUEST_PTR(T) T
#endif

#define HVT_ABI_VERSION 2U
#define HVT_GUEST_MIN_BASE 0x100000ULL
#define HVT_CMDLINE_SIZE 8192U   /* including the NUL */
#define HVT_HALT_COOKIE_MAX 512U /* bytes a HALT cookie points at */
#define HVT_PAGE_SIZE 0x1000ULL
#define HVT_LARGE_PAGE 0x200000ULL /* guest memory comes in 2 MiB pages */
#define HVT_MEM_MAX (1ULL << 32)   /* the page tables map 4 GiB */
#define HVT_BOOT_INFO_BASE 0x10000ULL

/* Guest-physical low memory the tender sets up (spec 4.7). */
#define HVT_GDT_BASE 0x1000ULL
#define HVT_PML4_BASE 0x2000ULL
#define HVT_PDPT_BASE 0x3000ULL
#define HVT_PD_BASE 0x4000ULL /* four page directories, one per GiB */
#define HVT_PT0_BASE 0x8000ULL

/* A hypercall is a 32-bit OUT to HVT_HYPERCALL_PIO_BASE + nr of the
 * argument struct's guest-physical address. */
#define HVT_HYPERCALL_PIO_BASE 0x500U
#define HVT_RING_KICK_PIO 0x600U

enum hvt_hypercall {
    HVT_HYPERCALL_RESERVED = 0,
    HVT_HYPERCALL_WALLTIME = 1,
    HVT_HYPERCALL_PUTS = 2,
    HVT_HYPERCALL_POLL = 3,
    HVT_HYPERCALL_BLOCK_WRITE = 4,
    HVT_HYPERCALL_BLOCK_READ = 5,
    HVT_HYPERCALL_NET_WRITE = 6,
    HVT_HYPERCALL_NET_READ = 7,
    HVT_HYPERCALL_HALT = 8,
    HVT_HYPERCALL_BLOCK_FLUSH = 9, /* Kiln: with MFT_BLOCK_F_FLUSH only */
    HVT_HYPERCALL_MAX = 10,        /* exclusive */
};

#define HVT_HYPERCALL_PIO(nr) (HVT_HYPERCALL_PIO_BASE + (nr))

struct hvt_hc_walltime {
    uint64_t nsecs; /* OUT: host CLOCK_REALTIME in ns */
};

struct hvt_hc_puts {
    HVT_GUEST_PTR(const char *) data;
    uint64_t len;
};

struct hvt_hc_poll {
    uint64_t timeout_nsecs; /* IN: relative to the call */
    uint64_t ready_set;     /* OUT: bit h set if net handle h is readable */
    int32_t ret;            /* OUT: number of ready devices */
    uint32_t pad;
};

/* BLOCK_WRITE and BLOCK_READ. */
struct hvt_hc_block {
    uint64_t handle;
    uint64_t offset;
    HVT_GUEST_PTR(void *) data;
    uint64_t len;
    int32_t ret; /* OUT: solo5_result_t */
    uint32_t pad;
};

/* NET_WRITE and NET_READ; on read, len is the buffer size in and the frame
 * length out. */
struct hvt_hc_net {
    uint64_t handle;
    HVT_GUEST_PTR(void *) data;
    uint64_t len;
    int32_t ret; /* OUT: solo5_result_t */
    uint32_t pad;
};

/* BLOCK_FLUSH (Kiln, spec 10.1). */
struct hvt_hc_block_flush {
    uint64_t handle;
    int32_t ret; /* OUT: solo5_result_t */
    uint32_t pad;
};

struct hvt_hc_halt {
    HVT_GUEST_PTR(void *) cookie; /* 0 or HVT_HALT_COOKIE_MAX readable bytes */
    int32_t exit_status;
    uint32_t pad;
};

/* The trap frame a HALT cookie points at after a guest exception. */
struct hvt_trap_frame {
    uint64_t cr2, ec, rip, cs, rflags, rsp, ss;
};

#define HVT_FEATURE_RING_IO 0x1U

/* At HVT_BOOT_INFO_BASE, always all 56 bytes; the address is the entry's
 * rdi. Bytes 40..55 extend ABI 2 without a version bump. */
struct hvt_boot_info {
    uint64_t mem_size;       /* top of guest-usable memory (below the ring) */
    uint64_t kernel_end;     /* end of the loaded image */
    uint64_t cpu_cycle_freq; /* TSC frequency in Hz */
    HVT_GUEST_PTR(const char *) cmdline;
    HVT_GUEST_PTR(const void *) mft;
    uint32_t host_features;         /* HVT_FEATURE_* the tender offers */
    uint32_t guest_features;        /* 0; never read */
    HVT_GUEST_PTR(void *) net_ring; /* ring address, 0 if not offered */
};

/* ---- shared-memory network ring (spec 4.13) ---- */

#define HVT_RING_SLOTS 1024U
#define HVT_RING_MASK (HVT_RING_SLOTS - 1)
#define HVT_RING_BUF_SIZE 2048U /* per-slot guest write buffer */
#define HVT_RING_SPIN 4096U     /* host polls this often before sleeping */
#define HVT_RING_OP_NET_WRITE 1U
#define HVT_RING_OP_NET_READ 2U

struct hvt_ring_entry {
    uint32_t operation;
    uint32_t handle;
    HVT_GUEST_PTR(void *) data;
    uint32_t len;
    uint32_t id;
    uint64_t reserved;
};

struct hvt_ring_commit {
    uint32_t id;
    int32_t ret; /* solo5_result_t */
    uint32_t len;
    uint32_t reserved;
};

/* Free-running u32 indices; slot = index & HVT_RING_MASK. Guest and host
 * fields sit on their own cache lines. */
struct hvt_ring {
    uint32_t ent_tail; /* guest: submissions produced */
    uint32_t com_head; /* guest: completions consumed */
    uint8_t pad0[56];
    uint32_t ent_head;   /* host: submissions consumed */
    uint32_t com_tail;   /* host: completions produced */
    uint32_t needs_kick; /* host: 1 = about to sleep, kick port 0x600 */
    uint8_t pad1[52];
    struct hvt_ring_entry entries[HVT_RING_SLOTS];
    struct hvt_ring_commit commits[HVT_RING_SLOTS];
};

#define HVT_RING_SIZE 49280U

_Static_assert(sizeof(struct hvt_hc_walltime) == 8, "walltime is 8 bytes");
_Static_assert(sizeof(struct hvt_hc_puts) == 16, "puts is 16 bytes");
_Static_assert(sizeof(struct hvt_hc_poll) == 24, "poll is 24 bytes");
_Static_assert(sizeof(struct hvt_hc_block) == 40, "block is 40 bytes");
_Static_assert(sizeof(struct hvt_hc_net) == 32, "net is 32 bytes");
_Static_assert(sizeof(struct hvt_hc_block_flush) == 16, "flush is 16 bytes");
_Static_assert(sizeof(struct hvt_hc_halt) == 16, "halt is 16 bytes");
_Static_assert(sizeof(struct hvt_trap_frame) == 56, "trap frame is 56 bytes");
_Static_assert(sizeof(struct hvt_boot_info) == 56, "boot info is 56 bytes");
_Static_assert(__builtin_offsetof(struct hvt_boot_info, host_features) == 40,
               "host_features at 40");
_Static_assert(__builtin_offsetof(struct hvt_boot_info, net_ring) == 48,
               "net_ring at 48");
_Static_assert(sizeof(struct hvt_ring_entry) == 32, "ring entry is 32 bytes");
_Static_assert(sizeof(struct hvt_ring_commit) == 16, "commit is 16 bytes");
_Static_assert(__builtin_offsetof(struct hvt_ring, ent_head) == 64,
               "ent_head at 64");
_Static_assert(__builtin_offsetof(struct hvt_ring, entries) == 128,
               "entries at 128");
_Static_assert(__builtin_offsetof(struct hvt_ring, commits) == 32896,
               "commits at 32896");
_Static_assert(sizeof(struct hvt_ring) == HVT_RING_SIZE, "ring is 49280 bytes");

#endif /* HVT_ABI_H */
