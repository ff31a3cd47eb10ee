/* solo5-spt internals: tender state, modules, core services. */
#ifndef KILN_SPT_H
#define KILN_SPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common.h"
#include "spt_abi.h"

/* Syscall argument test in a seccomp rule. */
enum spt_arg_op { SPT_ARG_EQ, SPT_ARG_LE };

/* One allowed syscall: nr, with up to three 64-bit argument conditions. */
struct spt_rule {
    int nr;
    unsigned nargs;
    struct {
        unsigned index; /* which syscall argument (0..5) */
        enum spt_arg_op op;
        uint64_t value;
    } arg[3];
};

#define SPT_MAX_RULES 256

/*
 * Everything the tender knows about the guest it is about to run. It lives
 * in .bss; the large tables come last and are used from their start, so a
 * run touches (and faults in) as few of its pages as possible.
 */
struct spt {
    const char *kernel; /* KERNEL operand, for messages */
    struct mft *mft;    /* the manifest, mutated as devices attach */
    size_t mft_size;
    struct guest_mem mem; /* guest address == host address on spt */
    uint64_t mem_size;    /* --mem in bytes */
    bool exec_heap;       /* --x-exec-heap */
    struct elf_image img;
    int epollfd, timerfd; /* the guest's yield machinery */
    unsigned nrules;
    struct elf_file elf;        /* KERNEL's checked headers */
    struct mft_store mft_store; /* KERNEL's manifest note */
    struct spt_rule rules[SPT_MAX_RULES];
};

/* A tender module (device type): found by the core in the spt_modules section.
 */
struct spt_module_ops {
    const char *name;
    /* Consumes opt if it is this module's: 0 taken, 1 not mine, -1 bad
     * (reported). */
    int (*handle_option)(struct spt *spt, const char *opt);
    /* Runs after guest memory exists; 0 or -1 (reported). */
    int (*setup)(struct spt *spt);
    const char *usage; /* option lines for --help, or NULL */
};

/* Places ops in the module list the core walks; one line per module file. */
#define SPT_MODULE(NAME, OPS)                                                  \
    const struct spt_module_ops *const spt_module_##NAME                       \
        __attribute__((section("spt_modules"), used)) = &(OPS)

/* Calls fn for each compiled-in module; stops early if fn returns non-zero. */
int spt_modules_each(int (*fn)(const struct spt_module_ops *, void *),
                     void *ctx);

/*
 * Parses a "--PREFIX:NAME=VALUE" option naming a manifest device of type:
 * 1 if opt is not such an option, 0 with *value and *idx set, -1 if it is
 * malformed or names no such device (reported).
 */
int spt_device_option(struct spt *spt, const char *opt, const char *prefix,
                      mft_type_t type, const char **value, unsigned *idx);

/* Prints usage to stderr (including every module's options) and exits 1. */
void spt_usage(void) __attribute__((noreturn));

/* Maps guest memory, loads spt->elf into it, creates the epoll/timer fds. */
void spt_mem_init(struct spt *spt);

/* Writes boot info, manifest copy and cmdline into guest low memory. */
void spt_boot_info_init(struct spt *spt, const char *cmdline);

/* Appends an allow rule with nargs (index, op, value) triples; exits if full.
 */
void spt_rule_add(struct spt *spt, int nr, unsigned nargs, ...);

/* Adds the core's own allowlist (console, clocks, yield, TLS, exit). */
void spt_rules_core(struct spt *spt);

/* Compiles spt->rules to BPF and installs it; no syscalls but those may follow.
 */
void spt_seccomp_install(const struct spt *spt);

/* Switches to the guest stack and jumps to its entry; never returns. */
void spt_launch(uint64_t stack_top, uint64_t entry, uint64_t arg)
    __attribute__((noreturn));

#endif /* KILN_SPT_H */
