/* Guest test time: clocks advance, yield keeps deadlines, wall sane. */
#include "guest_test.h"

#define NSEC_PER_SEC 1000000000ULL
#define JAN_1_2017 1483228800ULL /* seconds since the epoch */

static void monotonic_advances(void)
{
    solo5_time_t t0 = solo5_clock_monotonic(), t1 = t0;

    for (int i = 0; i < 1000000 && t1 == t0; i++)
        t1 = solo5_clock_monotonic();
    gt_check(t1 > t0, "monotonic clock does not advance");
}

static void past_deadline_returns(void)
{
    solo5_time_t t0 = solo5_clock_monotonic();
    solo5_handle_set_t ready = ~0ULL;

    solo5_yield(t0 > 1 ? t0 - 1 : 0, &ready);
    gt_check(solo5_clock_monotonic() - t0 < NSEC_PER_SEC / 10,
             "yield with a past deadline did not return promptly");
    gt_check(ready == 0, "ready set not empty on timeout");
    solo5_yield(0, NULL);
}

static void one_second_yields(void)
{
    for (int i = 0; i < 5; i++) {
        solo5_time_t t0 = solo5_clock_monotonic(), slept;
        solo5_handle_set_t ready = ~0ULL;

        solo5_yield(t0 + NSEC_PER_SEC, &ready);
        slept = solo5_clock_monotonic() - t0;
        gt_puts("slept ");
        gt_putu(slept / 1000000);
        gt_puts(" ms\n");
        gt_check(slept >= NSEC_PER_SEC * 8 / 10, "slept too little");
        gt_check(slept <= NSEC_PER_SEC * 12 / 10, "slept too much");
        gt_check(ready == 0, "ready set not empty on timeout");
    }
}

int solo5_app_main(const struct solo5_start_info *si)
{
    solo5_time_t wall;

    (void)si;
    gt_banner("time");
    monotonic_advances();
    past_deadline_returns();
    one_second_yields();
    wall = solo5_clock_wall();
    gt_puts("wall clock: ");
    gt_putu(wall / NSEC_PER_SEC);
    gt_puts(" s\n");
    gt_check(wall / NSEC_PER_SEC >= JAN_1_2017, "wall clock is before 2017");
    return gt_success();
}
