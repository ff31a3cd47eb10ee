/* Guest test fpu: SSE mulps on an aligned vector, scalar float math. */
#include "guest_test.h"

static float a[4] __attribute__((aligned(16))) = {1.0f, 2.0f, 3.0f, 4.0f};
static float b[4] __attribute__((aligned(16))) = {2.0f, 2.5f, -1.0f, 0.5f};
static float c[4] __attribute__((aligned(16)));

static void vector_multiply(void)
{
    __asm__ volatile("movaps %1, %%xmm0\n\t"
                     "mulps %2, %%xmm0\n\t"
                     "movaps %%xmm0, %0"
                     : "=m"(c)
                     : "m"(a), "m"(b)
                     : "xmm0");
}

int solo5_app_main(const struct solo5_start_info *si)
{
    /* volatile: the arithmetic must happen at run time, not at compile time. */
    volatile float x = 1.5f, y = 3.0f;

    (void)si;
    gt_banner("fpu");
    vector_multiply();
    gt_check(c[0] == 2.0f && c[1] == 5.0f && c[2] == -3.0f && c[3] == 2.0f,
             "mulps gave the wrong product");
    gt_check(x * y + 0.25f == 4.75f, "scalar multiply-add is wrong");
    gt_check(y / x == 2.0f, "scalar division is wrong");
    gt_check((int)(x * 1000.0f) == 1500, "float to int conversion is wrong");
    return gt_success();
}
