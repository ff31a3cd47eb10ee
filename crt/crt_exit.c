/* Kiln C runtime: _exit and abort, to solo5_exit and solo5_abort. */
#include <stdlib.h>
#include <unistd.h>

#include "crt.h"

/* exit() runs the atexit handlers and destructors, then comes here. */
void _exit(int status)
{
    crt_stdio_flush();
    solo5_exit(status);
}

void abort(void)
{
    crt_stdio_flush();
    solo5_abort();
}
