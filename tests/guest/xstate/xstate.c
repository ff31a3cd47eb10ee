/* Guest test xstate: the x87, SSE and AVX state at the first instruction. */
#include "guest_test.h"

/* What xstate_entry saw: the FXSAVE image, the upper ymm halves and, with
 * AVX-512, the upper zmm0-15 halves, zmm16-31 and the k registers. */
uint8_t xstate_fx[512] __attribute__((aligned(16)));
uint8_t xstate_ymmh[16][16];
uint8_t xstate_zmmh[16][32];
uint8_t xstate_zmm_hi16[16][64];
uint8_t xstate_k[8][2];
uint8_t xstate_avx;     /* 1 if the OS enabled AVX, so ymmh was read */
uint8_t xstate_avx512;  /* 1 if it enabled AVX-512 too, so zmm were read */
uint8_t xstate_entered; /* 1 if the guest started at xstate_entry */

/*
 * A second entry point; the test patches e_entry to it. Before the bindings
 * run, it saves the x87 and SSE state (FXSAVE) and, where AVX is enabled
 * (CPUID.1:ECX OSXSAVE and AVX, XCR0 SSE and AVX), the upper halves of
 * ymm0-15 and, where AVX-512 is enabled too (CPUID.7:EBX AVX512F, XCR0
 * opmask and both ZMM components), the rest of the zmm registers and the low
 * 16 bits of k0-k7; then it starts as usual (rdi, the boot info, is kept).
 */
__asm__(".text\n"
        ".globl xstate_entry\n"
        ".type xstate_entry, @function\n"
        "xstate_entry:\n"
        "    fxsave xstate_fx(%rip)\n"
        "    mov $1, %eax\n"
        "    cpuid\n"
        "    and $0x18000000, %ecx\n"
        "    cmp $0x18000000, %ecx\n"
        "    jne 1f\n"
        "    xor %ecx, %ecx\n"
        "    xgetbv\n"
        "    and $6, %eax\n"
        "    cmp $6, %eax\n"
        "    jne 1f\n"
        "    vextractf128 $1, %ymm0, xstate_ymmh+0(%rip)\n"
        "    vextractf128 $1, %ymm1, xstate_ymmh+16(%rip)\n"
        "    vextractf128 $1, %ymm2, xstate_ymmh+32(%rip)\n"
        "    vextractf128 $1, %ymm3, xstate_ymmh+48(%rip)\n"
        "    vextractf128 $1, %ymm4, xstate_ymmh+64(%rip)\n"
        "    vextractf128 $1, %ymm5, xstate_ymmh+80(%rip)\n"
        "    vextractf128 $1, %ymm6, xstate_ymmh+96(%rip)\n"
        "    vextractf128 $1, %ymm7, xstate_ymmh+112(%rip)\n"
        "    vextractf128 $1, %ymm8, xstate_ymmh+128(%rip)\n"
        "    vextractf128 $1, %ymm9, xstate_ymmh+144(%rip)\n"
        "    vextractf128 $1, %ymm10, xstate_ymmh+160(%rip)\n"
        "    vextractf128 $1, %ymm11, xstate_ymmh+176(%rip)\n"
        "    vextractf128 $1, %ymm12, xstate_ymmh+192(%rip)\n"
        "    vextractf128 $1, %ymm13, xstate_ymmh+208(%rip)\n"
        "    vextractf128 $1, %ymm14, xstate_ymmh+224(%rip)\n"
        "    vextractf128 $1, %ymm15, xstate_ymmh+240(%rip)\n"
        "    movb $1, xstate_avx(%rip)\n"
        "    mov $7, %eax\n"
        "    xor %ecx, %ecx\n"
        "    cpuid\n"
        "    bt $16, %ebx\n"
        "    jnc 1f\n"
        "    xor %ecx, %ecx\n"
        "    xgetbv\n"
        "    and $0xe6, %eax\n"
        "    cmp $0xe6, %eax\n"
        "    jne 1f\n"
        "    vextracti64x4 $1, %zmm0, xstate_zmmh+0(%rip)\n"
        "    vextracti64x4 $1, %zmm1, xstate_zmmh+32(%rip)\n"
        "    vextracti64x4 $1, %zmm2, xstate_zmmh+64(%rip)\n"
        "    vextracti64x4 $1, %zmm3, xstate_zmmh+96(%rip)\n"
        "    vextracti64x4 $1, %zmm4, xstate_zmmh+128(%rip)\n"
        "    vextracti64x4 $1, %zmm5, xstate_zmmh+160(%rip)\n"
        "    vextracti64x4 $1, %zmm6, xstate_zmmh+192(%rip)\n"
        "    vextracti64x4 $1, %zmm7, xstate_zmmh+224(%rip)\n"
        "    vextracti64x4 $1, %zmm8, xstate_zmmh+256(%rip)\n"
        "    vextracti64x4 $1, %zmm9, xstate_zmmh+288(%rip)\n"
        "    vextracti64x4 $1, %zmm10, xstate_zmmh+320(%rip)\n"
        "    vextracti64x4 $1, %zmm11, xstate_zmmh+352(%rip)\n"
        "    vextracti64x4 $1, %zmm12, xstate_zmmh+384(%rip)\n"
        "    vextracti64x4 $1, %zmm13, xstate_zmmh+416(%rip)\n"
        "    vextracti64x4 $1, %zmm14, xstate_zmmh+448(%rip)\n"
        "    vextracti64x4 $1, %zmm15, xstate_zmmh+480(%rip)\n"
        "    vmovdqu64 %zmm16, xstate_zmm_hi16+0(%rip)\n"
        "    vmovdqu64 %zmm17, xstate_zmm_hi16+64(%rip)\n"
        "    vmovdqu64 %zmm18, xstate_zmm_hi16+128(%rip)\n"
        "    vmovdqu64 %zmm19, xstate_zmm_hi16+192(%rip)\n"
        "    vmovdqu64 %zmm20, xstate_zmm_hi16+256(%rip)\n"
        "    vmovdqu64 %zmm21, xstate_zmm_hi16+320(%rip)\n"
        "    vmovdqu64 %zmm22, xstate_zmm_hi16+384(%rip)\n"
        "    vmovdqu64 %zmm23, xstate_zmm_hi16+448(%rip)\n"
        "    vmovdqu64 %zmm24, xstate_zmm_hi16+512(%rip)\n"
        "    vmovdqu64 %zmm25, xstate_zmm_hi16+576(%rip)\n"
        "    vmovdqu64 %zmm26, xstate_zmm_hi16+640(%rip)\n"
        "    vmovdqu64 %zmm27, xstate_zmm_hi16+704(%rip)\n"
        "    vmovdqu64 %zmm28, xstate_zmm_hi16+768(%rip)\n"
        "    vmovdqu64 %zmm29, xstate_zmm_hi16+832(%rip)\n"
        "    vmovdqu64 %zmm30, xstate_zmm_hi16+896(%rip)\n"
        "    vmovdqu64 %zmm31, xstate_zmm_hi16+960(%rip)\n"
        "    kmovw %k0, xstate_k+0(%rip)\n"
        "    kmovw %k1, xstate_k+2(%rip)\n"
        "    kmovw %k2, xstate_k+4(%rip)\n"
        "    kmovw %k3, xstate_k+6(%rip)\n"
        "    kmovw %k4, xstate_k+8(%rip)\n"
        "    kmovw %k5, xstate_k+10(%rip)\n"
        "    kmovw %k6, xstate_k+12(%rip)\n"
        "    kmovw %k7, xstate_k+14(%rip)\n"
        "    movb $1, xstate_avx512(%rip)\n"
        "1:  movb $1, xstate_entered(%rip)\n"
        "    jmp _start\n");

/* Offsets in the FXSAVE image. */
#define FX_FCW 0
#define FX_FSW 2
#define FX_FTW 4 /* abridged: one bit per register, 0 = empty */
#define FX_MXCSR 24
#define FX_ST 32   /* st0-7, 16 bytes each */
#define FX_XMM 160 /* xmm0-15, 16 bytes each */

static unsigned bad;

static uint64_t get(const uint8_t *p, unsigned n)
{
    uint64_t v = 0;

    while (n-- > 0)
        v = v << 8 | p[n];
    return v;
}

/* Reports NAME if it is not want. */
static void expect(const char *name, uint64_t got, uint64_t want)
{
    if (got == want)
        return;
    gt_puts("not in its init state: ");
    gt_puts(name);
    gt_puts(" = ");
    gt_putx(got);
    gt_puts("\n");
    bad++;
}

/* Reports register NAME N (16 bytes at p) if any byte is set, showing them. */
static void expect_zero(const char *name, unsigned n, const uint8_t *p)
{
    char text[17];
    unsigned i;

    for (i = 0; i < 16 && p[i] == 0; i++)
        ;
    if (i == 16)
        return;
    gt_puts("not in its init state: ");
    gt_puts(name);
    gt_putu(n);
    gt_puts(" = ");
    for (i = 0; i < 16; i++)
        text[i] = p[i] >= 0x20 && p[i] < 0x7f ? (char)p[i] : '.';
    text[16] = '\0';
    gt_puts(text);
    gt_puts(" (");
    gt_putx(get(p + 8, 8));
    gt_puts(" ");
    gt_putx(get(p, 8));
    gt_puts(")\n");
    bad++;
}

/* Reports opmask register k<n> if it is not zero. */
static void expect_k(unsigned n, uint64_t got)
{
    if (got == 0)
        return;
    gt_puts("not in its init state: k");
    gt_putu(n);
    gt_puts(" = ");
    gt_putx(got);
    gt_puts("\n");
    bad++;
}

int solo5_app_main(const struct solo5_start_info *si)
{
    (void)si;
    gt_banner("xstate");
    gt_check(xstate_entered, "not started at xstate_entry");
    expect("x87 control word", get(xstate_fx + FX_FCW, 2), 0x37f);
    expect("x87 status word", get(xstate_fx + FX_FSW, 2), 0);
    expect("x87 tag word", xstate_fx[FX_FTW], 0);
    expect("MXCSR", get(xstate_fx + FX_MXCSR, 4), 0x1f80);
    for (unsigned i = 0; i < 8; i++)
        expect_zero("st", i, xstate_fx + FX_ST + 16 * i);
    for (unsigned i = 0; i < 16; i++)
        expect_zero("xmm", i, xstate_fx + FX_XMM + 16 * i);
    for (unsigned i = 0; xstate_avx && i < 16; i++)
        expect_zero("upper half of ymm", i, xstate_ymmh[i]);
    for (unsigned i = 0; xstate_avx512 && i < 16; i++) {
        expect_zero("bits 256-383 of zmm", i, xstate_zmmh[i]);
        expect_zero("bits 384-511 of zmm", i, xstate_zmmh[i] + 16);
    }
    for (unsigned i = 0; xstate_avx512 && i < 16; i++)
        for (unsigned j = 0; j < 4; j++)
            expect_zero("16-byte part of zmm", 16 + i,
                        xstate_zmm_hi16[i] + 16 * j);
    for (unsigned i = 0; xstate_avx512 && i < 8; i++)
        expect_k(i, get(xstate_k[i], 2));
    gt_puts(xstate_avx ? "AVX: checked\n" : "AVX: not enabled\n");
    gt_puts(xstate_avx512 ? "AVX-512: checked\n" : "AVX-512: not enabled\n");
    gt_check(bad == 0, "vector state left by the tender");
    return gt_success();
}
