/* Paired exec-to-exit timing: two commands alternately, medians compared. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now_us(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

/* Time from fork+exec to the child's exit, in microseconds; -1 if it failed. */
static double run_once(char **argv)
{
    double t0 = now_us();
    int status;
    pid_t pid = fork();

    if (pid == 0) {
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 1);
        dup2(null, 2);
        execv(argv[0], argv);
        _exit(127);
    }
    if (pid < 0 || waitpid(pid, &status, 0) != pid)
        return -1;
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return -1;
    return now_us() - t0;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;

    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, n, sizeof *v, cmp);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/*
 * usage: bench_exec N LABEL -- CMD_A... -- CMD_B...  (B is the baseline)
 * Prints LABEL, the median times of A and B (us, one decimal) and their ratio.
 */
int main(int argc, char **argv)
{
    int n = argc > 2 ? atoi(argv[1]) : 0, a = 0, b = 0;

    for (int i = 3; i < argc; i++)
        if (strcmp(argv[i], "--") == 0) {
            argv[i] = NULL;
            if (!a)
                a = i + 1;
            else
                b = i + 1;
        }
    if (n <= 0 || !a || !b) {
        fprintf(stderr, "usage: bench_exec N LABEL -- CMD... -- BASELINE...\n");
        return 2;
    }
    double *ta = calloc(n, sizeof *ta), *tb = calloc(n, sizeof *tb);
    for (int i = 0; i < n; i++) {
        /* Alternate the order so neither side always runs on a warm cache. */
        int first_a = i % 2 == 0;
        double x = first_a ? run_once(argv + a) : run_once(argv + b);
        double y = first_a ? run_once(argv + b) : run_once(argv + a);
        ta[i] = first_a ? x : y;
        tb[i] = first_a ? y : x;
        if (ta[i] < 0 || tb[i] < 0) {
            fprintf(stderr, "bench_exec: a command failed\n");
            return 1;
        }
    }
    /* The ratio is that of the medians as printed: the row agrees. */
    char sa[32], sb[32];
    snprintf(sa, sizeof sa, "%.1f", median(ta, n));
    snprintf(sb, sizeof sb, "%.1f", median(tb, n));
    double ra = strtod(sa, NULL), rb = strtod(sb, NULL);
    printf("%-34s %10s %10s %8.2fx\n", argv[2], sa, sb, rb > 0 ? ra / rb : 0);
    return 0;
}
