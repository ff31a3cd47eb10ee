/* Guest test output: one console write of over 4 KiB arrives whole. */
#include "guest_test.h"

#define LINE 64
#define LINES 66 /* 4224 bytes: more than a page */

static char text[LINE * LINES];

/* A numbered line, so a lost or reordered piece would show. */
static void fill_line(char *p, size_t line)
{
    p[0] = (char)('0' + line / 10 % 10);
    p[1] = (char)('0' + line % 10);
    p[2] = ' ';
    for (size_t i = 3; i < LINE - 1; i++)
        p[i] = (char)('a' + i % 26);
    p[LINE - 1] = '\n';
}

int solo5_app_main(const struct solo5_start_info *si)
{
    gt_banner("output");
    gt_puts("Command line is: '");
    gt_puts(si->cmdline);
    gt_puts("'\n");
    for (size_t line = 0; line < LINES; line++)
        fill_line(text + line * LINE, line);
    solo5_console_write(text, sizeof text);
    return gt_success();
}
