/* Kiln spt ABI (version 2): what the solo5-spt tender hands the guest. */
#ifndef SPT_ABI_H
#define SPT_ABI_H

#include <stdint.h>

#define SPT_ABI_VERSION 2U
#define SPT_HOST_MEM_BASE 0x10000UL  /* nothing of the guest lies below */
#define SPT_BOOT_INFO_BASE 0x11000UL /* struct spt_boot_info lives here */
#define SPT_GUEST_MIN_BASE 0x100000UL
#define SPT_CMDLINE_SIZE 8192U /* including the NUL */
/* The epoll data of the internal timerfd; net devices carry their handle. */
#define SPT_EPOLL_TIMER_TAG 0xFFFFFFFEU

/* Boot information at SPT_BOOT_INFO_BASE; its address is the entry's rdi. */
struct spt_boot_info {
    uint64_t mem_size;   /* top of guest memory */
    uint64_t kernel_end; /* end of the loaded image */
    const char *cmdline; /* NUL-terminated guest command line */
    const void *mft;     /* the tender's mutated manifest copy */
    int epollfd;         /* epoll set: timerfd plus every net device */
    int timerfd;         /* CLOCK_MONOTONIC timer used by yield */
};
_Static_assert(sizeof(struct spt_boot_info) == 40, "spt_boot_info is 40 bytes");

#endif /* SPT_ABI_H */
