/* Signals that end a guest: one line on stderr and exit 1, on every tender. */
#include "common.h"

#include <err.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>

/* The one table of the signals that end a guest with a line. */
static const int exit_signals[] = {SIGHUP,  SIGINT,  SIGUSR1,
                                   SIGPIPE, SIGALRM, SIGTERM};
#define NSIGNALS (sizeof exit_signals / sizeof exit_signals[0])

/*
 * Each signal's line, made before any signal is handled and then read-only:
 * the spt guest shares the tender's memory, and the sandbox lets it write
 * exactly these bytes (address and length) to stderr, nothing else.
 */
static struct __attribute__((aligned(4096))) {
    char text[NSIGNALS][64];
    size_t len[NSIGNALS];
} lines; /* aligned type: its size is whole pages, shared with nothing */

/* The handler's own stack: the spt guest's may be anything. */
static char handler_stack[65536] __attribute__((aligned(16)));

/*
 * Runs with whatever FS base the guest set (spt), so it reads no canary and
 * calls no libc function: only the table, the lines and two raw system calls.
 */
__attribute__((no_stack_protector)) static void on_signal(int sig)
{
    for (size_t i = 0; i < NSIGNALS; i++)
        if (exit_signals[i] == sig)
            signal_line_exit(lines.text[i], lines.len[i], 1);
    signal_line_exit(NULL, 0, 1);
}

/* Writes v in decimal at p; returns the end. */
static char *utoa(char *p, unsigned v)
{
    if (v >= 10)
        p = utoa(p, v / 10);
    *p = (char)('0' + v % 10);
    return p + 1;
}

void tender_signals_init(const char *prog)
{
    struct sigaction sa = {.sa_handler = on_signal, .sa_flags = SA_ONSTACK};
    stack_t ss = {.ss_sp = handler_stack, .ss_size = sizeof handler_stack};

    /* No printf, which is much code to start; at most 32 bytes of prog
     * leave room for the rest and a NUL (the numbers have 2 digits). */
    for (size_t i = 0; i < NSIGNALS; i++) {
        char *p =
            stpcpy(stpncpy(lines.text[i], prog, 32), ": Exiting on signal ");
        p = stpcpy(utoa(p, (unsigned)exit_signals[i]), "\n");
        lines.len[i] = (size_t)(p - lines.text[i]);
    }
    if (mprotect(&lines, sizeof lines, PROT_READ) != 0 ||
        sigaltstack(&ss, NULL) != 0)
        err(1, "Could not set up signal handling");
    sigfillset(&sa.sa_mask);
    for (size_t i = 0; i < NSIGNALS; i++)
        if (sigaction(exit_signals[i], &sa, NULL) != 0)
            err(1, "Could not set up signal handling");
}

void tender_signals_rules(struct sandbox *sb)
{
    for (size_t i = 0; i < NSIGNALS; i++)
        sandbox_allow(sb, SYS_write, 3, 0u, SANDBOX_EQ, (uint64_t)2, 1u,
                      SANDBOX_EQ, (uint64_t)(uintptr_t)lines.text[i], 2u,
                      SANDBOX_EQ, (uint64_t)lines.len[i]);
}
