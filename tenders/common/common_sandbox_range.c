/* Seccomp conditions beyond equality: <=, >=, mask bits clear, a sum. */
/* Linked only into a program whose rules use them (block devices' rules). */
#include "common_module.h"
#include "common_sandbox.h"

#define MEM_LO 0 /* scratch words SUM_LE keeps its bound in */
#define MEM_HI 1

/* Unsigned 64-bit a <= v: hi > vhi misses, hi < vhi passes, else compare lo. */
static void emit_le(struct bpf_out *p, unsigned idx, unsigned other,
                    uint32_t hi, uint32_t lo)
{
    (void)other;
    bpf_emit_load(p, ARG_HI(idx));
    bpf_emit_miss(p, BPF_JGT | BPF_K, hi, true);
    bpf_emit(p, BPF_JMP | BPF_JEQ | BPF_K, hi, 1, 0);
    bpf_emit(p, BPF_JMP | BPF_JA, 2, 0, 0);
    bpf_emit_load(p, ARG_LO(idx));
    bpf_emit_miss(p, BPF_JGT | BPF_K, lo, true);
}

/* Unsigned 64-bit a >= v: hi > vhi passes, hi < vhi misses, else compare lo. */
static void emit_ge(struct bpf_out *p, unsigned idx, unsigned other,
                    uint32_t hi, uint32_t lo)
{
    (void)other;
    bpf_emit_load(p, ARG_HI(idx));
    bpf_emit(p, BPF_JMP | BPF_JGT | BPF_K, hi, 3, 0);
    bpf_emit_miss(p, BPF_JEQ | BPF_K, hi, false);
    bpf_emit_load(p, ARG_LO(idx));
    bpf_emit_miss(p, BPF_JGE | BPF_K, lo, false);
}

/* (a & v) == 0: any bit of v set in either word misses. */
static void emit_mask0(struct bpf_out *p, unsigned idx, unsigned other,
                       uint32_t hi, uint32_t lo)
{
    (void)other;
    bpf_emit_load(p, ARG_HI(idx));
    bpf_emit_miss(p, BPF_JSET | BPF_K, hi, true);
    bpf_emit_load(p, ARG_LO(idx));
    bpf_emit_miss(p, BPF_JSET | BPF_K, lo, true);
}

/*
 * a + b <= v without wrap, as b <= v and then a <= v - b, where v - b cannot
 * borrow past 64 bits: its low word is vlo - blo (32-bit), its high word
 * vhi - bhi - (blo > vlo), kept in the scratch words MEM_LO and MEM_HI.
 */
static void emit_sum_le(struct bpf_out *p, unsigned a, unsigned b, uint32_t hi,
                        uint32_t lo)
{
    emit_le(p, b, 0, hi, lo);
    bpf_emit_load(p, ARG_LO(b));
    bpf_emit(p, BPF_MISC | BPF_TAX, 0, 0, 0);
    bpf_emit(p, BPF_LD | BPF_IMM, lo, 0, 0);
    bpf_emit(p, BPF_ALU | BPF_SUB | BPF_X, 0, 0, 0);
    bpf_emit(p, BPF_ST, MEM_LO, 0, 0);
    bpf_emit(p, BPF_MISC | BPF_TXA, 0, 0, 0);
    bpf_emit(p, BPF_JMP | BPF_JGT | BPF_K, lo, 0, 2); /* the borrow, 1 or 0 */
    bpf_emit(p, BPF_LD | BPF_IMM, 1, 0, 0);
    bpf_emit(p, BPF_JMP | BPF_JA, 1, 0, 0);
    bpf_emit(p, BPF_LD | BPF_IMM, 0, 0, 0);
    bpf_emit(p, BPF_MISC | BPF_TAX, 0, 0, 0);
    bpf_emit_load(p, ARG_HI(b));
    bpf_emit(p, BPF_ALU | BPF_ADD | BPF_X, 0, 0, 0);
    bpf_emit(p, BPF_MISC | BPF_TAX, 0, 0, 0);
    bpf_emit(p, BPF_LD | BPF_IMM, hi, 0, 0);
    bpf_emit(p, BPF_ALU | BPF_SUB | BPF_X, 0, 0, 0);
    bpf_emit(p, BPF_ST, MEM_HI, 0, 0);
    /* a <= M[HI]:M[LO], as emit_le with X for the constant. */
    bpf_emit(p, BPF_LDX | BPF_W | BPF_MEM, MEM_HI, 0, 0);
    bpf_emit_load(p, ARG_HI(a));
    bpf_emit_miss(p, BPF_JGT | BPF_X, 0, true);
    bpf_emit(p, BPF_JMP | BPF_JEQ | BPF_X, 0, 1, 0);
    bpf_emit(p, BPF_JMP | BPF_JA, 3, 0, 0);
    bpf_emit(p, BPF_LDX | BPF_W | BPF_MEM, MEM_LO, 0, 0);
    bpf_emit_load(p, ARG_LO(a));
    bpf_emit_miss(p, BPF_JGT | BPF_X, 0, true);
}

const struct sandbox_op sandbox_le = {.emit = emit_le};
const struct sandbox_op sandbox_ge = {.emit = emit_ge};
const struct sandbox_op sandbox_mask0 = {.emit = emit_mask0};
const struct sandbox_op sandbox_sum_le = {.two_args = true,
                                          .emit = emit_sum_le};
