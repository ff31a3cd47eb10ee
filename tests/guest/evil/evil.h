/* The evil guest's parts: its state, output, command-line words, raw access. */
#ifndef KILN_EVIL_H
#define KILN_EVIL_H

#include "guest_test.h"
#include "hvt_abi.h"
#include "mft_abi.h"

/*
 * General registers only: the tests must not depend on the vCPU's SSE state
 * (kvm-pvm fails to emulate SSE instructions of a guest like this). The
 * pragma also drops -mstack-protector-guard=global (canaries would read
 * %fs:0x28), so the functions it would protect are NO_SSP.
 */
#pragma GCC target("general-regs-only")
#define NO_SSP __attribute__((no_stack_protector))

#define BLK_H 1 /* "storage", in evil and evil_net */
#define NET_H 2 /* "service0", in evil_net only */
#define PUTS_MSG "evil: hello from PUTS\n"

extern char _stext[], _erodata[];

/* What the boot info and the block device say (evil.c). */
extern const struct hvt_boot_info *bi;
extern uint64_t ms;           /* mem_size */
extern struct hvt_ring *ring; /* NULL unless offered */
extern uint64_t feat, mr;     /* the block features offered, max_request */

/* Memory the command line names (evil_calls.c). */
extern uint8_t buf[0x10000];
extern uint8_t frame[60];
extern const char msg[sizeof PUTS_MSG];
extern const struct hvt_hc_puts roputs; /* in read-only data */
extern const struct hvt_hc_halt rohalt;

/* A command: its name on the command line and what runs it, reading its own
 * arguments with word and arg. */
struct evil_cmd {
    const char *name;
    void (*run)(void);
};

/* Each part's commands, each list ending in a NULL name. */
extern const struct evil_cmd evil_call_cmds[], evil_cpu_cmds[],
    evil_ring_cmds[];

/* The next word of the current command; fails if there is none. */
const char *word(void);

/* The next word as a value: a number, or a symbol with +N or -N. */
uint64_t arg(void);

/* A value as arg reads it. */
uint64_t value(const char *s);

/* Prints "evil: NAME ret=R" and checks R against =R, if given. */
void check_ret(const char *name, int32_t ret);

/* The ring, or FAILURE if none is offered. */
struct hvt_ring *ring_or_die(void);

/* ---- output ---- */

static inline void say(const char *s)
{
    gt_puts("evil: ");
    gt_puts(s);
}

static inline void sayx(const char *s, uint64_t v)
{
    say(s);
    gt_putx(v);
    gt_puts("\n");
}

static inline void __attribute__((noreturn))
die(const char *why, const char *what)
{
    gt_puts("FAILURE: ");
    gt_puts(why);
    gt_puts(what);
    gt_puts("\n");
    solo5_exit(3);
}

/* ---- raw CPU access ---- */

static inline void out32(uint16_t port, uint32_t v)
{
    __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

static inline void out16(uint16_t port, uint16_t v)
{
    __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

static inline void out8(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port) : "memory");
}

static inline uint32_t in32(uint16_t port)
{
    uint32_t v;

    __asm__ volatile("inl %1, %0" : "=a"(v) : "Nd"(port) : "memory");
    return v;
}

static inline uint16_t in16(uint16_t port)
{
    uint16_t v;

    __asm__ volatile("inw %1, %0" : "=a"(v) : "Nd"(port) : "memory");
    return v;
}

static inline uint8_t in8(uint16_t port)
{
    uint8_t v;

    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port) : "memory");
    return v;
}

/* A hypercall: one 32-bit OUT of the argument's address. */
static inline void hc(unsigned nr, uint64_t gpa)
{
    out32((uint16_t)HVT_HYPERCALL_PIO(nr), (uint32_t)gpa);
}

static inline void *ptr(uint64_t v)
{
    return (void *)(uintptr_t)v;
}

/* A constant address the compiler cannot reason about. */
static inline uint64_t opaque(uint64_t v)
{
    __asm__ volatile("" : "+r"(v));
    return v;
}

#endif /* KILN_EVIL_H */
