/* Opening the files a tender is given: no FIFOs or devices in disguise. */
#include "common.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* What st is, when it is not a file the caller can use. */
static const char *refused_kind(const struct stat *st, bool allow_blk)
{
    if (S_ISREG(st->st_mode) || (allow_blk && S_ISBLK(st->st_mode)))
        return NULL;
    if (S_ISDIR(st->st_mode))
        return "is a directory";
    if (S_ISFIFO(st->st_mode))
        return "is a FIFO";
    if (S_ISSOCK(st->st_mode))
        return "is a socket";
    return allow_blk ? "not a regular file or block device"
                     : "not a regular file";
}

/* Closes fd and fails with why. */
static int refuse(int fd, const char *why, struct kiln_err *err)
{
    close(fd);
    return kiln_err_set(err, "%s", why);
}

/*
 * O_NONBLOCK keeps open from waiting for a writer of a FIFO or for a device;
 * the type is checked on the open file, so a rename in between cannot
 * change it, and only then is the descriptor made blocking again.
 */
int file_open(const char *path, int flags, bool allow_blk, struct kiln_err *err)
{
    int fd = open(path, flags | O_NONBLOCK | O_NOCTTY | O_CLOEXEC), fl;
    const char *kind;
    struct stat st;

    if (fd < 0)
        return kiln_err_set(err, "%s", strerror(errno));
    if (fstat(fd, &st) < 0)
        return refuse(fd, strerror(errno), err);
    kind = refused_kind(&st, allow_blk);
    if (kind != NULL)
        return refuse(fd, kind, err);
    fl = fcntl(fd, F_GETFL);
    if (fl < 0 || fcntl(fd, F_SETFL, fl & ~O_NONBLOCK) < 0)
        return refuse(fd, strerror(errno), err);
    return fd;
}
