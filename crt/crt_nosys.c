/* Kiln C runtime: the POSIX calls picolibc makes (console fds; else ENOSYS). */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crt.h"

/*
 * A unikernel has no files and no processes: fds 0-2 are the console
 * (0 at end of file, 1 and 2 written to it), the ones above are sockets
 * when the program links the network layer, and everything else fails
 * with an errno that says so, never with a silent success.
 */
static int fail(int e)
{
    errno = e;
    return -1;
}

static int is_console(int fd)
{
    return fd >= 0 && fd <= 2;
}

/* A descriptor the socket layer, when linked, answers for. */
static int is_socket(int fd)
{
    return fd > 2 && net_fd_close != NULL;
}

ssize_t write(int fd, const void *buf, size_t n)
{
    if (is_socket(fd))
        return net_fd_write(fd, buf, n);
    if (fd != 1 && fd != 2)
        return fail(EBADF);
    crt_stdio_flush(); /* what stdio holds was written first */
    solo5_console_write(buf, n);
    return (ssize_t)n;
}

ssize_t read(int fd, void *buf, size_t n)
{
    if (is_socket(fd))
        return net_fd_read(fd, buf, n);
    return fd == 0 ? 0 : fail(EBADF);
}

int open(const char *path, int flags, ...)
{
    (void)path;
    (void)flags;
    return fail(ENOSYS);
}

int close(int fd)
{
    if (is_socket(fd))
        return net_fd_close(fd);
    return is_console(fd) ? 0 : fail(EBADF);
}

off_t lseek(int fd, off_t off, int whence)
{
    (void)off;
    (void)whence;
    return fail(is_console(fd) ? ESPIPE : EBADF);
}

int fstat(int fd, struct stat *st)
{
    if (is_socket(fd))
        return net_fd_fstat(fd, st);
    if (!is_console(fd))
        return fail(EBADF);
    *st = (struct stat){.st_mode = S_IFCHR | 0600};
    return 0;
}

int stat(const char *path, struct stat *st)
{
    (void)path;
    (void)st;
    return fail(ENOSYS);
}

int unlink(const char *path)
{
    (void)path;
    return fail(ENOSYS);
}

int rename(const char *from, const char *to)
{
    (void)from;
    (void)to;
    return fail(ENOSYS);
}

/* The console is a terminal; no other descriptor is open. */
int isatty(int fd)
{
    if (is_console(fd))
        return 1;
    errno = EBADF;
    return 0;
}

int sigprocmask(int how, const sigset_t *set, sigset_t *old)
{
    (void)how;
    (void)set;
    (void)old;
    return fail(ENOSYS);
}

pid_t getpid(void)
{
    return 1;
}

int kill(pid_t pid, int sig)
{
    (void)pid;
    (void)sig;
    return fail(ENOSYS);
}

/* No file system: no directories to enter, make or remove. */
int chdir(const char *path)
{
    (void)path;
    return fail(ENOSYS);
}

int mkdir(const char *path, mode_t mode)
{
    (void)path;
    (void)mode;
    return fail(ENOSYS);
}

int rmdir(const char *path)
{
    (void)path;
    return fail(ENOSYS);
}

/* No parent process. */
pid_t getppid(void)
{
    return 0;
}

/* One user and group, 0, real and effective alike: nothing runs set-uid. */
uid_t getuid(void)
{
    return 0;
}

uid_t geteuid(void)
{
    return 0;
}

gid_t getgid(void)
{
    return 0;
}

gid_t getegid(void)
{
    return 0;
}
