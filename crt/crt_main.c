/* Kiln C runtime: solo5_app_main for programs that define main(argc, argv). */
#include <stdlib.h>
#include <string.h>

#include "crt.h"

/* argc at most this, argv[0] included (more words: dropped, with a warning). */
#define CRT_MAX_ARGS 64
/* The longest command line a tender passes (8192 bytes with its NUL). */
#define CRT_CMDLINE_SIZE 8192

int main(int argc, char **argv);

/* The wrapper links a definition of the output's name when it knows it. */
extern const char __solo5_progname[] __attribute__((weak));

static int is_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

/* Splits cmdline into argv[1..] in place; returns argc, argv[0] set. */
static int split_words(char *cmdline, char **argv, int max)
{
    static char dflt[] = "unikernel";
    int argc = 1;
    char *p = cmdline;

    argv[0] = __solo5_progname ? (char *)__solo5_progname : dflt;
    while (*p) {
        while (is_space(*p))
            *p++ = '\0';
        if (!*p)
            break;
        if (argc == max - 1) {
            static const char msg[] =
                "libc: too many arguments, extra ones dropped\n";
            solo5_console_write(msg, sizeof msg - 1);
            break;
        }
        argv[argc++] = p;
        while (*p && !is_space(*p))
            p++;
    }
    argv[argc] = NULL;
    return argc;
}

int solo5_app_main(const struct solo5_start_info *si)
{
    static char *argv[CRT_MAX_ARGS + 1];
    static char words[CRT_CMDLINE_SIZE];
    int argc;

    /* argv's strings are the program's to change: split a copy. */
    strncpy(words, si->cmdline, sizeof words - 1);
    argc = split_words(words, argv, CRT_MAX_ARGS + 1);
    /* A program that uses the network has its interfaces up before main. */
    if (net_main_args) {
        argc = net_main_args(argc, argv);
        if (argc < 0)
            return 1;
    }

    return main(argc, argv);
}
