/* spt seccomp test guest: one raw system call named on the cmdline. */
#include "mft_abi.h"
#include "nettest.h"
#include "spt_abi.h"

static long sys6(long nr, long a, long b, long c, long d, long e, long f)
{
    long ret;
    register long r10 __asm__("r10") = d;
    register long r8 __asm__("r8") = e;
    register long r9 __asm__("r9") = f;

    __asm__ volatile("syscall"
                     : "=a"(ret)
                     : "a"(nr), "D"(a), "S"(b), "d"(c), "r"(r10), "r"(r8),
                       "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
}

static int streq(const char *a, const char *b)
{
    while (*a && *a == *b)
        a++, b++;
    return *a == *b;
}

/* An i386 system call (int $0x80) from 64-bit code: another audit arch. */
static long sys_i386(long nr, long a, long b, long c)
{
    long ret;

    __asm__ volatile("int $0x80"
                     : "=a"(ret)
                     : "a"(nr), "b"(a), "c"(b), "d"(c)
                     : "memory");
    return ret;
}

/* The spt ABI puts the boot info at a fixed address; a test may look. */
static const struct spt_boot_info *boot(void)
{
    return (const struct spt_boot_info *)SPT_BOOT_INFO_BASE;
}

static const struct mft_entry *entry(unsigned i)
{
    const struct mft *m = boot()->mft;

    if (i >= m->entries || !m->e[i].attached)
        nt_fail("device not attached");
    return &m->e[i];
}

static uint8_t buf[65536];

/* Each case: name, syscall and arguments. Index 1 is "storage" or "service0".
 */
static long run(const char *c)
{
    const struct spt_boot_info *bi = boot();
    struct {
        long s, ns;
    } ts;
    uint8_t ev[12];

    if (streq(c, "write-stdout"))
        return sys6(1, 1, (long)"x\n", 2, 0, 0, 0);
    if (streq(c, "write-stderr"))
        return sys6(1, 2, (long)"x\n", 2, 0, 0, 0);
    /* The kernel would truncate the fd to 1; the filter sees all 64 bits. */
    if (streq(c, "write-stdout-high"))
        return sys6(1, 1L | 1L << 32, (long)"x\n", 2, 0, 0, 0);
    if (streq(c, "exit-group"))
        return sys6(231, 7, 0, 0, 0, 0, 0);
    if (streq(c, "exit-thread"))
        return sys6(60, 0, 0, 0, 0, 0, 0);
    /* exit(255): only --dumpcore's handler needs it. */
    if (streq(c, "exit-thread-255"))
        return sys6(60, 255, 0, 0, 0, 0, 0);
    /* --dumpcore's other calls, with arguments other than its pinned ones:
     * its handler's vector, names and own process id. */
    if (streq(c, "mincore-own"))
        return sys6(27, 0x100000, 4096, (long)buf, 0, 0, 0);
    if (streq(c, "linkat-own"))
        return sys6(265, -100, (long)"/proc/self/exe", -100, (long)"x", 0x400,
                    0);
    if (streq(c, "tgkill-other"))
        return sys6(234, 1, 1, 11, 0, 0, 0);
    if (streq(c, "clock-monotonic"))
        return sys6(228, 1, (long)&ts, 0, 0, 0, 0);
    if (streq(c, "clock-realtime"))
        return sys6(228, 0, (long)&ts, 0, 0, 0, 0);
    if (streq(c, "clock-boottime"))
        return sys6(228, 7, (long)&ts, 0, 0, 0, 0);
    if (streq(c, "arch-setfs"))
        return sys6(158, 0x1002, 0, 0, 0, 0, 0);
    if (streq(c, "arch-getfs"))
        return sys6(158, 0x1003, (long)buf, 0, 0, 0, 0);
    if (streq(c, "arch-setgs"))
        return sys6(158, 0x1001, 0, 0, 0, 0, 0);
    if (streq(c, "epoll-ok"))
        return sys6(281, bi->epollfd, (long)ev, 1, 0, 0, 0);
    /* The other fd of the pair: open, just not the one the rule names. */
    if (streq(c, "epoll-other"))
        return sys6(281, bi->timerfd, (long)ev, 1, 0, 0, 0);
    if (streq(c, "epoll-unopened"))
        return sys6(281, bi->epollfd + 100, (long)ev, 1, 0, 0, 0);
    /* A zeroed itimerspec (buf is zero) disarms the timer. */
    if (streq(c, "timerfd-ok"))
        return sys6(286, bi->timerfd, 0, (long)buf, 0, 0, 0);
    if (streq(c, "timerfd-other"))
        return sys6(286, bi->epollfd, 0, (long)buf, 0, 0, 0);
    if (streq(c, "timerfd-unopened"))
        return sys6(286, bi->timerfd + 100, 0, (long)buf, 0, 0, 0);
    if (streq(c, "getpid"))
        return sys6(39, 0, 0, 0, 0, 0, 0);
    if (streq(c, "openat"))
        return sys6(257, -100, (long)"/etc/passwd", 0, 0, 0, 0);
    if (streq(c, "mmap"))
        return sys6(9, 0, 4096, 7, 0x22, -1, 0);
    if (streq(c, "x32-write"))
        return sys6(0x40000001, 1, (long)"x\n", 2, 0, 0, 0);
    /* i386 exit(1) is nr 1 with arg0 1, which as x86_64 write(1, ...) the
     * rules allow: only the architecture check stops it. */
    if (streq(c, "i386-exit"))
        return sys_i386(1, 1, 0, 0);
    return -1000;
}

/* Block and net cases need the device's host descriptor and geometry. */
static long run_dev(const char *c)
{
    const struct mft_entry *e = entry(1);
    long fd = e->b.hostfd;
    long bs = e->u.block_basic.block_size;
    long last = (long)e->u.block_basic.capacity - bs;

    if (streq(c, "pread-ok"))
        return sys6(17, fd, (long)buf, bs, last, 0, 0);
    if (streq(c, "pwrite-ok"))
        return sys6(18, fd, (long)buf, bs, last, 0, 0);
    /* Offsets either side of 4 GiB test both words of the 64-bit compare. */
    if (streq(c, "pread-below4g"))
        return sys6(17, fd, (long)buf, bs, 0xFFFFFE00L, 0, 0);
    if (streq(c, "pread-8g"))
        return sys6(17, fd, (long)buf, bs, 0x200000000L, 0, 0);
    if (streq(c, "pread-past"))
        return sys6(17, fd, (long)buf, bs, last + bs, 0, 0);
    if (streq(c, "pwrite-past"))
        return sys6(18, fd, (long)buf, bs, last + bs, 0, 0);
    if (streq(c, "pwrite-long"))
        return sys6(18, fd, (long)buf, 2 * bs, 0, 0, 0);
    if (streq(c, "pread-short"))
        return sys6(17, fd, (long)buf, bs / 2, 0, 0, 0);
    if (streq(c, "pwrite-otherfd"))
        return sys6(18, 1, (long)buf, bs, 0, 0, 0);
    if (streq(c, "fdatasync-ok"))
        return sys6(75, fd, 0, 0, 0, 0, 0);
    if (streq(c, "fdatasync-otherfd"))
        return sys6(75, 1, 0, 0, 0, 0, 0);
    if (streq(c, "fsync"))
        return sys6(74, fd, 0, 0, 0, 0, 0);
    if (streq(c, "net-read-ok"))
        return sys6(0, fd, (long)buf, sizeof buf, 0, 0, 0);
    if (streq(c, "net-write-ok"))
        return sys6(1, fd, (long)buf, 60, 0, 0, 0);
    if (streq(c, "net-read-otherfd"))
        return sys6(0, 0, (long)buf, sizeof buf, 0, 0, 0);
    if (streq(c, "net-write-otherfd"))
        return sys6(1, 2, (long)buf, 60, 0, 0, 0);
    return -1000;
}

int solo5_app_main(const struct solo5_start_info *si)
{
    long rc = run(si->cmdline);

    if (rc == -1000)
        rc = run_dev(si->cmdline);
    if (rc == -1000)
        nt_fail("unknown case");
    /* Still alive: the filter allowed it. Report what the kernel said. */
    nt_puts(rc < 0 ? "ALLOWED, error\n" : "ALLOWED\nSUCCESS\n");
    return SOLO5_EXIT_SUCCESS;
}
