/* solo5-spt internals: tender state, core services, launch. */
#ifndef KILN_SPT_H
#define KILN_SPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "spt_abi.h"

/*
 * Everything the tender knows about the guest it is about to run. It lives
 * in .bss; the large tables come last and are used from their start, so a
 * run touches (and faults in) as few of its pages as possible.
 */
struct spt {
    struct tender t;      /* first: spt_of() goes back from &t */
    struct guest_mem mem; /* guest address == host address on spt */
    bool exec_heap;       /* --x-exec-heap */
    struct elf_image img;
    struct sandbox sb; /* the guest's syscall allowlist */
};

/* The struct spt whose tender is t. */
static inline struct spt *spt_of(struct tender *t)
{
    return (struct spt *)(void *)((char *)t - offsetof(struct spt, t));
}

/* Maps guest memory and loads spt->t.elf into it. */
void spt_mem_init(struct spt *spt);

/* Writes boot info, manifest copy and cmdline into guest low memory. */
void spt_boot_info_init(struct spt *spt);

/* Adds the core's own allowlist (console, clocks, yield, TLS, exit). */
void spt_rules_core(struct spt *spt);

/* Switches to the guest stack, clears the FS base and jumps to its entry;
 * never returns. */
void spt_launch(uint64_t stack_top, uint64_t entry, uint64_t arg)
    __attribute__((noreturn));

#endif /* KILN_SPT_H */
