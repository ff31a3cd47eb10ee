/* Block backing files: open, size and alignment checks. */
#include "common_dev.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool block_size_valid(uint64_t n)
{
    return n >= 512 && n <= 32768 && (n & (n - 1)) == 0;
}

/* Size of the regular file or block device open on fd; -1 on error. */
static int storage_size(int fd, uint64_t *size)
{
    struct stat st;
    off_t end;

    if (fstat(fd, &st) < 0)
        return -1;
    if (S_ISREG(st.st_mode)) {
        *size = (uint64_t)st.st_size;
        return 0;
    }
    if ((end = lseek(fd, 0, SEEK_END)) < 0)
        return -1;
    *size = (uint64_t)end;
    return 0;
}

/* The size is taken once, at attach: the guest cannot grow the file (the
 * tenders refuse I/O past capacity), so it stays true while the guest runs. */
int block_attach(const char *path, uint64_t block_size, bool write_through,
                 int *fd, uint64_t *capacity, struct kiln_err *err)
{
    struct kiln_err why;
    char shown[sizeof err->msg];
    int rc = 0;

    tender_escape(path, shown, sizeof shown);
    *fd = file_open(path, O_RDWR | (write_through ? O_DSYNC : 0), true, &why);
    if (*fd < 0)
        return kiln_err_set(err, "Could not open block device: %s: %s", shown,
                            why.msg);
    if (storage_size(*fd, capacity) != 0)
        rc = kiln_err_set(err, "%s: cannot read its size: %s", shown,
                          strerror(errno));
    else if (*capacity < block_size)
        rc = kiln_err_set(err,
                          "Backing storage must be at least 1 block (%llu "
                          "bytes) in size",
                          (unsigned long long)block_size);
    else if (*capacity % block_size != 0)
        rc = kiln_err_set(err,
                          "Backing storage size must be block aligned (%llu "
                          "bytes)",
                          (unsigned long long)block_size);
    if (rc != 0)
        close(*fd);
    return rc;
}
