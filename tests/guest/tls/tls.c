/* Guest test tls: two TLS blocks, switched between, keep their own values. */
#include "guest_test.h"

__thread int tdata_var = 0xC0FFEE;
__thread int tbss_var;
/* After a 4-byte tbss_var: the thread pointer must keep this aligned. */
__thread long long tbss_wide __attribute__((aligned(16)));

/*
 * The compiler may assume the thread pointer never changes inside a
 * function, so every access goes through a call made after the switch.
 */
static __attribute__((noinline)) int get_tdata(void)
{
    return tdata_var;
}

static __attribute__((noinline)) int get_tbss(void)
{
    return tbss_var;
}

static __attribute__((noinline)) void set_both(int data, int bss)
{
    tdata_var = data;
    tbss_var = bss;
}

static void use_block(uintptr_t block)
{
    gt_check(solo5_set_tls_base(solo5_tls_tp_offset(block)) == SOLO5_R_OK,
             "solo5_set_tls_base failed");
}

static void expect(uintptr_t block, int data, int bss, const char *why)
{
    use_block(block);
    gt_check(get_tdata() == data && get_tbss() == bss, why);
}

int solo5_app_main(const struct solo5_start_info *si)
{
    /* Two blocks from the heap, which starts out zero as TLS blocks must. */
    size_t size = (solo5_tls_size() + 15) & ~(size_t)15;
    uintptr_t b1 = si->heap_start, b2 = si->heap_start + size;

    gt_banner("tls");
    gt_check(solo5_tls_size() >= 2 * sizeof(int) + sizeof(uintptr_t),
             "solo5_tls_size is too small");
    gt_check(solo5_tls_init(0) == SOLO5_R_EINVAL, "tls_init(0) accepted");
    gt_check(solo5_tls_init(b1) == SOLO5_R_OK, "tls_init(b1) failed");
    gt_check(solo5_tls_init(b2) == SOLO5_R_OK, "tls_init(b2) failed");
    expect(b1, 0xC0FFEE, 0, "block 1 did not start from the template");
    gt_check(((uintptr_t)&tbss_wide & 15) == 0,
             "a 16-byte aligned TLS variable is misaligned");
    set_both(1, 11);
    expect(b2, 0xC0FFEE, 0, "block 2 did not start from the template");
    set_both(2, 22);
    expect(b1, 1, 11, "block 1 lost its values");
    expect(b2, 2, 22, "block 2 lost its values");
    return gt_success();
}
