/* Test tool: prints the syscalls a running process's seccomp filter allows. */
#include <errno.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>

#ifndef PTRACE_SECCOMP_GET_FILTER
#define PTRACE_SECCOMP_GET_FILTER 0x420c
#endif
#define MAX_INSNS 4096

static void die(const char *what)
{
    fprintf(stderr, "filtercalls: %s: %s\n", what, strerror(errno));
    exit(1);
}

static int cmp(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return x < y ? -1 : x > y;
}

/*
 * usage: filtercalls PID. Reads the newest filter of PID (stopping it for
 * the moment), and prints "N nr nr ..." (ascending): every constant a
 * JEQ compares with the syscall number while A holds it. That is each
 * syscall the filter allows under some arguments, for filters that, like
 * Kiln's, dispatch on the number with JEQ after loading it.
 */
int main(int argc, char **argv)
{
    static struct sock_filter insn[MAX_INSNS];
    static unsigned nrs[MAX_INSNS];
    unsigned n = 0, distinct = 0;
    int status, a_is_nr = 0;
    long count;
    pid_t pid;

    if (argc != 2) {
        fprintf(stderr, "usage: filtercalls PID\n");
        return 2;
    }
    pid = (pid_t)atoi(argv[1]);
    if (ptrace(PTRACE_ATTACH, pid, 0, 0) != 0)
        die("PTRACE_ATTACH");
    if (waitpid(pid, &status, __WALL) != pid)
        die("waitpid");
    count = ptrace(PTRACE_SECCOMP_GET_FILTER, pid, 0, NULL);
    if (count <= 0 || count > MAX_INSNS)
        die("PTRACE_SECCOMP_GET_FILTER (count)");
    if (ptrace(PTRACE_SECCOMP_GET_FILTER, pid, 0, insn) != count)
        die("PTRACE_SECCOMP_GET_FILTER");
    if (ptrace(PTRACE_DETACH, pid, 0, 0) != 0)
        die("PTRACE_DETACH");
    for (long i = 0; i < count; i++) {
        if (insn[i].code == (BPF_LD | BPF_W | BPF_ABS))
            a_is_nr = insn[i].k == offsetof(struct seccomp_data, nr);
        else if (a_is_nr && insn[i].code == (BPF_JMP | BPF_JEQ | BPF_K))
            nrs[n++] = insn[i].k;
    }
    qsort(nrs, n, sizeof nrs[0], cmp);
    for (unsigned i = 0; i < n; i++)
        distinct += i == 0 || nrs[i] != nrs[i - 1];
    printf("%u", distinct);
    for (unsigned i = 0; i < n; i++)
        if (i == 0 || nrs[i] != nrs[i - 1])
            printf(" %u", nrs[i]);
    printf("\n");
    return 0;
}
