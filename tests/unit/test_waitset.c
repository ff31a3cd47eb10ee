/* Unit tests of the wait set: timeouts, ready tags, EINTR, the timer tag. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <signal.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "common.h"

#define MS 1000000ULL

static uint64_t now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* A pipe whose read end is in ws with tag. */
static void add_pipe(struct waitset *ws, int p[2], uint64_t tag)
{
    assert_int_equal(pipe(p), 0);
    waitset_add(ws, p[0], tag);
}

static void test_timeout(void **state)
{
    struct waitset ws;
    uint64_t t0;
    int p[2];

    (void)state;
    waitset_init(&ws);
    add_pipe(&ws, p, 1);
    t0 = now_ns();
    assert_int_equal(waitset_wait(&ws, 30 * MS), 0);
    assert_true(now_ns() - t0 >= 30 * MS);
    /* Zero is armed as 1 ns, not as "disarm": it returns at once. */
    t0 = now_ns();
    assert_int_equal(waitset_wait(&ws, 0), 0);
    assert_true(now_ns() - t0 < 1000 * MS);
    /* An expired timer from before does not end the next wait early. */
    t0 = now_ns();
    assert_int_equal(waitset_wait(&ws, 20 * MS), 0);
    assert_true(now_ns() - t0 >= 20 * MS);
}

static void test_ready_tags(void **state)
{
    struct waitset ws;
    int a[2], b[2], c[2];
    uint64_t t0;

    (void)state;
    waitset_init(&ws);
    add_pipe(&ws, a, 0);
    add_pipe(&ws, b, 63);
    add_pipe(&ws, c, 64); /* not a handle: never in the ready set */
    assert_int_equal(write(b[1], "x", 1), 1);
    t0 = now_ns();
    assert_int_equal(waitset_wait(&ws, 5000 * MS), 1ULL << 63);
    assert_true(now_ns() - t0 < 1000 * MS);
    assert_int_equal(write(a[1], "x", 1), 1);
    assert_int_equal(waitset_wait(&ws, 5000 * MS), 1ULL << 63 | 1);
    assert_int_equal(write(c[1], "x", 1), 1);
    assert_int_equal(waitset_wait(&ws, 5000 * MS), 1ULL << 63 | 1);
}

static void on_alarm(int sig)
{
    (void)sig;
}

/* A signal that interrupts the wait restarts it; the deadline holds. */
static void test_eintr(void **state)
{
    struct sigaction sa;
    struct itimerval it = {.it_value = {.tv_usec = 5000}};
    struct waitset ws;
    uint64_t t0;

    (void)state;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm; /* no SA_RESTART: epoll_wait sees EINTR */
    assert_int_equal(sigaction(SIGALRM, &sa, NULL), 0);
    waitset_init(&ws);
    t0 = now_ns();
    assert_int_equal(setitimer(ITIMER_REAL, &it, NULL), 0);
    assert_int_equal(waitset_wait(&ws, 50 * MS), 0);
    assert_true(now_ns() - t0 >= 50 * MS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_timeout),
        cmocka_unit_test(test_ready_tags),
        cmocka_unit_test(test_eintr),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
