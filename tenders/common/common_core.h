/* Guest core files, what the tenders' dumpcore modules share. */
#ifndef KILN_COMMON_CORE_H
#define KILN_COMMON_CORE_H

#include "common_module.h"

/* ---- guest core files (common_core.c) ---- */

/* x86_64 general registers in the order of the kernel's user_regs_struct,
 * which is NT_PRSTATUS's register set. */
struct core_regs {
    uint64_t r15, r14, r13, r12, rbp, rbx, r11, r10, r9, r8, rax, rcx, rdx, rsi,
        rdi, orig_rax, rip, cs, eflags, rsp, ss, fs_base, gs_base, ds, es, fs,
        gs;
};

/* The x87/SSE state as FXSAVE stores it (NT_PRFPREG). */
struct core_fpu {
    uint8_t fxsave[512];
};

/* Guest addresses [gaddr, gaddr + len), readable at host. */
struct core_range {
    uint64_t gaddr;
    const uint8_t *host;
    uint64_t len;
};

/*
 * Writes an ELF64 ET_CORE file (OSABI standalone) to fd from offset 0:
 * NT_PRSTATUS (regs, signal sig) and NT_PRFPREG (fpu) notes named CORE, and
 * one PT_LOAD per run of non-zero pages of ranges (all-zero pages are left
 * out). Only pwrite, by raw system call, no libc, no stack protector use:
 * safe in a seccomp sandbox and in a signal handler. 0, or -1 on a failed
 * write.
 */
int core_write(int fd, const struct core_regs *regs, const struct core_fpu *fpu,
               int sig, const struct core_range *ranges, unsigned nranges);

/* pwrite64 by raw system call (common_core_<arch>.c): bytes written or
 * -errno. */
long core_pwrite(int fd, const void *buf, uint64_t len, uint64_t off);

/* --dumpcore=DIR's core file: DIR, an unnamed file in it (O_TMPFILE), and
 * the names that link it into DIR; a sandbox pins their addresses. */
struct core_file {
    int dirfd;     /* DIR, or -1 without --dumpcore */
    int fd;        /* the unnamed file, or -1 before core_file_open */
    char name[64]; /* core.PROG.PID */
    char proc[64]; /* /proc/self/fd/FD, what linkat names */
};
#define CORE_FILE_NONE                                                         \
    {                                                                          \
        .dirfd = -1, .fd = -1                                                  \
    }

/* Takes --dumpcore=DIR for prog: opens DIR, names the core core.PROG.PID,
 * DIR escaped into shown (size bytes): 0 taken, 1 not it, -1 bad (reported). */
int core_file_option(struct core_file *cf, const char *prog, const char *opt,
                     char *shown, size_t size);

/* Creates the unnamed file in DIR (none without --dumpcore): 0, or -1
 * (reported). */
int core_file_open(struct core_file *cf);

/* Links the file as DIR/name by raw system call (common_core_<arch>.c), so
 * also in a signal handler: 0 or -errno. */
long core_file_link(const struct core_file *cf);

/* Allows core_file_link of exactly cf's names and pwrite64 on cf's file. */
void core_file_rules(const struct core_file *cf, struct sandbox *sb);

#endif /* KILN_COMMON_CORE_H */
