/* opendir for OCaml's runtime (Sys.readdir): no file system, no directory. */
#include <errno.h>
#include <stddef.h>
#include <sys/dir.h>

DIR *opendir(const char *name)
{
    (void)name;
    errno = ENOSYS;
    return NULL;
}

struct direct *readdir(DIR *d)
{
    (void)d;
    errno = EBADF;
    return NULL;
}

int closedir(DIR *d)
{
    (void)d;
    errno = EBADF;
    return -1;
}
