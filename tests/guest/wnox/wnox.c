/* Guest test wnox: data is not executable; running .data must fault. */
#include "guest_test.h"

/* A lone "ret" in .data: harmless if it runs, which it must not. */
uint8_t code_in_data[16] = {0xc3};

int solo5_app_main(const struct solo5_start_info *si)
{
    (void)si;
    gt_banner("wnox");
    gt_call((uintptr_t)code_in_data);
    gt_fail("code in .data ran");
}
