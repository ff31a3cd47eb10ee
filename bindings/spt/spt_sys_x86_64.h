/* Kiln spt: raw Linux x86_64 system calls, those seccomp allows. */
#ifndef KILN_SPT_SYS_X86_64_H
#define KILN_SPT_SYS_X86_64_H

#include <stddef.h>
#include <stdint.h>

#define SYS_read 0
#define SYS_write 1
#define SYS_pread64 17
#define SYS_pwrite64 18
#define SYS_fdatasync 75
#define SYS_arch_prctl 158
#define SYS_clock_gettime 228
#define SYS_exit_group 231
#define SYS_epoll_pwait 281
#define SYS_timerfd_settime 286

#define EINTR 4
#define EAGAIN 11
#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define TFD_TIMER_ABSTIME 1
#define ARCH_SET_FS 0x1002

struct sys_timespec {
    int64_t tv_sec;
    int64_t tv_nsec;
};

struct sys_itimerspec {
    struct sys_timespec it_interval;
    struct sys_timespec it_value;
};

/* The x86_64 kernel packs this structure: 12 bytes, data at offset 4. */
struct sys_epoll_event {
    uint32_t events;
    uint64_t data;
} __attribute__((packed));

/* Syscalls return -errno on failure; rcx and r11 are clobbered by the CPU. */
static inline long sys_call3(long nr, long a, long b, long c)
{
    long ret;

    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a), "S"(b), "d"(c)
                     : "rcx", "r11", "memory");
    return ret;
}

static inline long sys_call6(long nr, long a, long b, long c, long d, long e,
                             long f)
{
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;
    long ret;

    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8),
                       "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
}

static inline long sys_read(int fd, void *buf, size_t n)
{
    return sys_call3(SYS_read, fd, (long)buf, (long)n);
}

static inline long sys_write(int fd, const void *buf, size_t n)
{
    return sys_call3(SYS_write, fd, (long)buf, (long)n);
}

static inline long sys_pread64(int fd, void *buf, size_t n, uint64_t off)
{
    return sys_call6(SYS_pread64, fd, (long)buf, (long)n, (long)off, 0, 0);
}

static inline long sys_pwrite64(int fd, const void *buf, size_t n, uint64_t off)
{
    return sys_call6(SYS_pwrite64, fd, (long)buf, (long)n, (long)off, 0, 0);
}

static inline long sys_fdatasync(int fd)
{
    return sys_call3(SYS_fdatasync, fd, 0, 0);
}

static inline long sys_arch_prctl(int code, uintptr_t addr)
{
    return sys_call3(SYS_arch_prctl, code, (long)addr, 0);
}

static inline long sys_clock_gettime(int clock, struct sys_timespec *ts)
{
    return sys_call3(SYS_clock_gettime, clock, (long)ts, 0);
}

static inline long sys_timerfd_settime(int fd, int flags,
                                       const struct sys_itimerspec *value)
{
    return sys_call6(SYS_timerfd_settime, fd, flags, (long)value, 0, 0, 0);
}

/* No signal mask: the tender installs no handlers, so sigsetsize is 0. */
static inline long sys_epoll_pwait(int epfd, struct sys_epoll_event *events,
                                   int max, int timeout)
{
    return sys_call6(SYS_epoll_pwait, epfd, (long)events, max, timeout, 0, 0);
}

static inline void __attribute__((noreturn)) sys_exit_group(int status)
{
    for (;;)
        sys_call3(SYS_exit_group, status, 0, 0);
}

#endif /* KILN_SPT_SYS_X86_64_H */
