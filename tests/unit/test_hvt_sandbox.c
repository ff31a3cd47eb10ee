/* solo5-hvt sandbox: each allowed call passes, each changed one is killed. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <fcntl.h>
#include <linux/kvm.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "common_dev.h"
#include "hvt.h"

#define BS 512ULL
#define MAX ((long)DEV_BLOCK_MAX_REQUEST)
/* Past 4 GiB, so that offsets and sums cross the low word (a sparse file). */
#define CAP ((1LL << 32) + 2 * MAX)
#define VCPU_FD 100 /* stands in for the vCPU: any open descriptor */

static struct hvt h;
static int disk_fd;

/* The tender's state after setup with one 4 GiB + 2 MiB disk "disk0" attached,
 * the rule set of a real run: core, block module, backend, tender. */
static int setup_rules(void **state)
{
    static char path[] = "/tmp/kiln-sandbox-XXXXXX";
    struct mft *m = mft_of(&h.t.mft_store);
    const struct tender_module *mod;
    int fd = mkstemp(path);

    (void)state;
    if (fd < 0 || ftruncate(fd, CAP) != 0 || dup2(fd, VCPU_FD) != VCPU_FD)
        return -1;
    close(fd);
    h.t.mft = m;
    m->version = MFT_VERSION;
    m->entries = 2;
    m->e[0].type = MFT_RESERVED_FIRST;
    strcpy(m->e[1].name, "disk0");
    m->e[1].type = MFT_DEV_BLOCK_BASIC;
    h.t.mft_size = MFT_SIZE(2);
    dev_args[1].path = path;
    waitset_init(&h.t.ws);
    h.vcpu_fd = VCPU_FD;
    hvt_core_setup(&h);
    for (unsigned i = 0; (mod = tender_module_at(i)) != NULL; i++)
        if (mod->setup != NULL && mod->setup(&h.t) != 0)
            return -1;
    hvt_sandbox_rules(&h);
    disk_fd = m->e[1].b.hostfd;
    unlink(path);
    return 0;
}

/* Runs nr(a0..a4) in a child under the tender's filter: true if it lived. */
static bool allowed(long nr, long a0, long a1, long a2, long a3, long a4)
{
    pid_t pid = fork();
    int st;

    assert_true(pid >= 0);
    if (pid == 0) {
        sandbox_install(true);
        syscall(nr, a0, a1, a2, a3, a4);
        syscall(SYS_exit_group, 0);
    }
    assert_int_equal(waitpid(pid, &st, 0), pid);
    if (WIFSIGNALED(st)) {
        assert_int_equal(WTERMSIG(st), SIGSYS);
        return false;
    }
    return WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

static char buf[2 * MAX];

struct call {
    const char *what;
    long nr, a0, a1, a2, a3, a4;
    bool allow;
};

static void check_calls(const struct call *c, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        bool got =
            allowed(c[i].nr, c[i].a0, c[i].a1, c[i].a2, c[i].a3, c[i].a4);
        if (got != c[i].allow)
            fail_msg("%s: %s, want %s", c[i].what, got ? "allowed" : "killed",
                     c[i].allow ? "allowed" : "killed");
    }
}

static void test_core_rules(void **state)
{
    struct timespec ts;
    struct itimerspec its = {0};
    const struct call calls[] = {
        {"console write", SYS_write, 1, (long)"", 0, 0, 0, true},
        {"error write", SYS_write, 2, (long)"", 0, 0, 0, true},
        {"write to fd 3", SYS_write, 3, (long)"", 0, 0, 0, false},
        {"read stdin", SYS_read, 0, (long)buf, 0, 0, 0, false},
        {"wall clock", SYS_clock_gettime, CLOCK_REALTIME, (long)&ts, 0, 0, 0,
         true},
        {"monotonic clock", SYS_clock_gettime, CLOCK_MONOTONIC, (long)&ts, 0, 0,
         0, true},
        {"boot-time clock", SYS_clock_gettime, CLOCK_BOOTTIME, (long)&ts, 0, 0,
         0, false},
        {"poll the wait set", SYS_epoll_pwait, h.t.ws.epollfd, (long)buf, 1, 0,
         0, true},
        {"poll another epoll", SYS_epoll_pwait, h.t.ws.epollfd + 50, (long)buf,
         1, 0, 0, false},
        {"arm the timer", SYS_timerfd_settime, h.t.ws.timerfd, 0, (long)&its, 0,
         0, true},
        {"arm another timer", SYS_timerfd_settime, h.t.ws.timerfd + 50, 0,
         (long)&its, 0, 0, false},
        {"getpid", SYS_getpid, 0, 0, 0, 0, 0, false},
        {"openat", SYS_openat, AT_FDCWD, (long)"/etc/passwd", O_RDONLY, 0, 0,
         false},
        {"mmap", SYS_mmap, 0, 4096, 7, 0x22, 0, false},
        {"mprotect", SYS_mprotect, (long)buf, 4096, 7, 0, 0, false},
        {"execve", SYS_execve, (long)"/bin/true", 0, 0, 0, 0, false},
        {"socket", SYS_socket, 2, 1, 0, 0, 0, false},
    };

    (void)state;
    check_calls(calls, sizeof calls / sizeof calls[0]);
}

static void test_vcpu_rules(void **state)
{
    const struct call calls[] = {
        {"KVM_RUN on the vCPU", SYS_ioctl, VCPU_FD, KVM_RUN, 0, 0, 0, true},
        {"KVM_GET_REGS on the vCPU", SYS_ioctl, VCPU_FD, KVM_GET_REGS,
         (long)buf, 0, 0, false},
        {"KVM_SET_REGS on the vCPU", SYS_ioctl, VCPU_FD, KVM_SET_REGS,
         (long)buf, 0, 0, false},
        {"KVM_RUN on another fd", SYS_ioctl, VCPU_FD + 1, KVM_RUN, 0, 0, 0,
         false},
        {"KVM_CREATE_VM", SYS_ioctl, VCPU_FD, KVM_CREATE_VM, 0, 0, 0, false},
    };

    (void)state;
    check_calls(calls, sizeof calls / sizeof calls[0]);
}

static void test_block_rules(void **state)
{
    const long G4 = 1LL << 32;
    const struct call calls[] = {
        {"read block 0", SYS_pread64, disk_fd, (long)buf, BS, 0, 0, true},
        {"write block 0", SYS_pwrite64, disk_fd, (long)buf, BS, 0, 0, true},
        {"read the last block", SYS_pread64, disk_fd, (long)buf, BS, CAP - BS,
         0, true},
        {"write the last block", SYS_pwrite64, disk_fd, (long)buf, BS, CAP - BS,
         0, true},
        {"read two blocks", SYS_pread64, disk_fd, (long)buf, 2 * BS, 0, 0,
         true},
        {"write three blocks", SYS_pwrite64, disk_fd, (long)buf, 3 * BS, BS, 0,
         true},
        {"read the maximum", SYS_pread64, disk_fd, (long)buf, MAX, 0, 0, true},
        {"write the maximum at the end", SYS_pwrite64, disk_fd, (long)buf, MAX,
         CAP - MAX, 0, true},
        {"read across 4 GiB", SYS_pread64, disk_fd, (long)buf, MAX,
         G4 - MAX / 2, 0, true},
        {"read past the end", SYS_pread64, disk_fd, (long)buf, BS, CAP, 0,
         false},
        {"write past the end", SYS_pwrite64, disk_fd, (long)buf, BS,
         CAP - BS + 1, 0, false},
        {"write 8 GiB past", SYS_pwrite64, disk_fd, (long)buf, BS,
         (long)(1ULL << 33), 0, false},
        {"read two blocks across the end", SYS_pread64, disk_fd, (long)buf,
         2 * BS, CAP - BS, 0, false},
        {"write the maximum one block past the end", SYS_pwrite64, disk_fd,
         (long)buf, MAX, CAP - MAX + BS, 0, false},
        {"read one block more than the maximum", SYS_pread64, disk_fd,
         (long)buf, MAX + BS, 0, 0, false},
        {"write twice the maximum", SYS_pwrite64, disk_fd, (long)buf, 2 * MAX,
         0, 0, false},
        {"read zero bytes", SYS_pread64, disk_fd, (long)buf, 0, 0, 0, false},
        {"write half a block", SYS_pwrite64, disk_fd, (long)buf, BS / 2, 0, 0,
         false},
        {"read a block and a byte", SYS_pread64, disk_fd, (long)buf, BS + 1, 0,
         0, false},
        {"read at an unaligned offset", SYS_pread64, disk_fd, (long)buf, BS, 1,
         0, false},
        {"write a length with bit 32", SYS_pwrite64, disk_fd, (long)buf,
         (long)(BS | 1ULL << 32), 0, 0, false},
        {"read a length that wraps the offset", SYS_pread64, disk_fd, (long)buf,
         -(long)BS, 2 * BS, 0, false},
        {"write at an offset that wraps to 0", SYS_pwrite64, disk_fd, (long)buf,
         2 * BS, -(long)BS, 0, false},
        {"read across 8 GiB (a carry into the high word)", SYS_pread64, disk_fd,
         (long)buf, 2 * BS, 2 * G4 - (long)BS, 0, false},
        {"read at an offset far below 2^64 that wraps", SYS_pread64, disk_fd,
         (long)buf, MAX, -(long)(MAX / 2), 0, false},
        {"read another fd", SYS_pread64, VCPU_FD, (long)buf, BS, 0, 0, false},
        {"flush the disk", SYS_fdatasync, disk_fd, 0, 0, 0, 0, true},
        {"flush another fd", SYS_fdatasync, VCPU_FD, 0, 0, 0, 0, false},
        {"fsync the disk", SYS_fsync, disk_fd, 0, 0, 0, 0, false},
        {"plain read of the disk", SYS_read, disk_fd, (long)buf, BS, 0, 0,
         false},
        {"plain write of the disk", SYS_write, disk_fd, (long)buf, BS, 0, 0,
         false},
    };

    (void)state;
    check_calls(calls, sizeof calls / sizeof calls[0]);
}

/* The registered hypercalls are the guest-reachable table: core and block. */
static void test_hypercall_table(void **state)
{
    (void)state;
    assert_int_equal(hvt_hypercall_count(), 7);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_core_rules),
        cmocka_unit_test(test_vcpu_rules),
        cmocka_unit_test(test_block_rules),
        cmocka_unit_test(test_hypercall_table),
    };

    return cmocka_run_group_tests(tests, setup_rules, NULL);
}
