/* Bench guest: main returns at once, silent; the start-up rows' unikernel. */
#include "benchg.h"

int solo5_app_main(const struct solo5_start_info *si)
{
    (void)si;
    return SOLO5_EXIT_SUCCESS;
}
