/* Guest test nomem: under 512 KiB free above the image: no start. */
#include "guest_test.h"

/* 640 KiB of .bss: at --mem=2 this leaves less than 512 KiB above the image. */
uint8_t ballast[640 * 1024];

int solo5_app_main(const struct solo5_start_info *si)
{
    gt_banner("nomem");
    ballast[si->heap_size % sizeof ballast] = 1;
    gt_puts("heap size ");
    gt_putu(si->heap_size);
    gt_puts("\n");
    return gt_success();
}
