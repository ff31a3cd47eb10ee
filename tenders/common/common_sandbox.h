/* The seccomp compiler's inside, shared with the conditions it compiles. */
#ifndef KILN_COMMON_SANDBOX_H
#define KILN_COMMON_SANDBOX_H

#include <linux/seccomp.h>
#include <stddef.h>

#include "common.h"

/* The low and high words of syscall argument i in struct seccomp_data. */
#define ARG_LO(i) (offsetof(struct seccomp_data, args) + 8 * (i))
#define ARG_HI(i) (ARG_LO(i) + 4)
#define MAX_FIXUPS (4 * SANDBOX_MAX_ARGS) /* SUM_LE has 4 misses, others 2 */

/* A program being written into the caller's buffer. */
struct bpf_out {
    struct sock_filter *insn;
    unsigned len, max;
    bool full; /* an instruction did not fit: the result is unusable */
    struct {
        unsigned at;  /* a jump to patch to "this rule does not match"... */
        bool on_true; /* ...taken when its test is true (else when false) */
    } fixup[MAX_FIXUPS];
    unsigned nfixup;
};

/*
 * A condition (SANDBOX_EQ and the others): emit writes the test of argument
 * idx (and argument other, for a two-argument one) against the value hi:lo,
 * each way it fails a bpf_emit_miss jump; what passes falls through.
 */
struct sandbox_op {
    bool two_args; /* its rules name another argument before the value */
    void (*emit)(struct bpf_out *p, unsigned idx, unsigned other, uint32_t hi,
                 uint32_t lo);
};

/* Appends one instruction (none, and p->full, if there is no room). */
void bpf_emit(struct bpf_out *p, uint16_t code, uint32_t k, uint8_t jt,
              uint8_t jf);

/* Appends a jump (code: BPF_J* | BPF_K or BPF_X) whose "no match" branch,
 * taken when its test is miss_if_true, goes past the end of the rule. */
void bpf_emit_miss(struct bpf_out *p, uint16_t code, uint32_t k,
                   bool miss_if_true);

/* Appends a load of the 32-bit word at offset of struct seccomp_data. */
void bpf_emit_load(struct bpf_out *p, uint32_t offset);

#endif /* KILN_COMMON_SANDBOX_H */
