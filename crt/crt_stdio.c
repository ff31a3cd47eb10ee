/* Kiln C runtime: stdin, stdout and stderr on the Solo5 console. */
#include <stdio.h>

#include "crt.h"

/*
 * stdout and stderr are one line-buffered stream: a line reaches the console
 * whole, the two stay in the order they were written, and exit and abort
 * write out a last unfinished line. The console has no input: stdin is
 * always at end of file.
 */
struct console {
    FILE file;
    size_t len;
    char buf[1024];
};

static int console_flush(FILE *f)
{
    struct console *c = (struct console *)f;

    if (c->len) {
        solo5_console_write(c->buf, c->len);
        c->len = 0;
    }
    return 0;
}

static int console_put(char ch, FILE *f)
{
    struct console *c = (struct console *)f;

    c->buf[c->len++] = ch;
    if (c->len == sizeof c->buf || ch == '\n')
        console_flush(f);
    return (unsigned char)ch;
}

static int console_get(FILE *f)
{
    (void)f;
    return _FDEV_EOF;
}

static struct console out = {
    .file =
        FDEV_SETUP_STREAM(console_put, NULL, console_flush, _FDEV_SETUP_WRITE),
};
static FILE in = FDEV_SETUP_STREAM(NULL, console_get, NULL, _FDEV_SETUP_READ);

FILE *const stdin = &in;
FILE *const stdout = &out.file;
FILE *const stderr = &out.file;

void crt_stdio_flush(void)
{
    console_flush(&out.file);
}
