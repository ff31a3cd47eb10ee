/* Block backing files: open, size and alignment checks. */
#include "common.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

bool block_size_valid(uint64_t n)
{
    return n >= 512 && n <= 32768 && (n & (n - 1)) == 0;
}

/* The size is taken once, at attach: the guest cannot grow the file (the
 * tenders refuse I/O past capacity), so it stays true while the guest runs. */
int block_attach(const char *path, uint64_t block_size, int *fd,
                 uint64_t *capacity, struct kiln_err *err)
{
    struct stat st;

    *fd = open(path, O_RDWR | O_CLOEXEC);
    if (*fd < 0)
        return kiln_err_set(err, "Could not open block device: %s: %s", path,
                            strerror(errno));
    if (fstat(*fd, &st) < 0 || !(S_ISREG(st.st_mode) || S_ISBLK(st.st_mode)))
        goto not_storage;
    if (S_ISBLK(st.st_mode)) {
        off_t end = lseek(*fd, 0, SEEK_END);
        if (end < 0)
            goto not_storage;
        st.st_size = end;
    }
    *capacity = (uint64_t)st.st_size;
    if (*capacity < block_size)
        goto fail_msg_small;
    if (*capacity % block_size != 0)
        goto fail_msg_aligned;
    return 0;

not_storage:
    close(*fd);
    return kiln_err_set(err, "%s: not a regular file or block device", path);
fail_msg_aligned:
    close(*fd);
    return kiln_err_set(err,
                        "Backing storage size must be block aligned (%llu "
                        "bytes)",
                        (unsigned long long)block_size);
fail_msg_small:
    close(*fd);
    return kiln_err_set(err,
                        "Backing storage must be at least 1 block (%llu "
                        "bytes) in size",
                        (unsigned long long)block_size);
}
