/* x86_64 raw system calls for guest core files: no libc, no FS. */
#include "common_core.h"

#include <fcntl.h>

long core_pwrite(int fd, const void *buf, uint64_t len, uint64_t off)
{
    long rc;
    register uint64_t r10 __asm__("r10") = off;

    __asm__ volatile("syscall"
                     : "=a"(rc)
                     : "a"(18L), "D"((long)fd), "S"(buf), "d"(len), "r"(r10)
                     : "rcx", "r11", "memory");
    return rc;
}

long core_file_link(const struct core_file *cf)
{
    long rc;
    register long r10 __asm__("r10") = (long)cf->name;
    register long r8 __asm__("r8") = AT_SYMLINK_FOLLOW;

    __asm__ volatile("syscall"
                     : "=a"(rc)
                     : "a"(265L), "D"((long)AT_FDCWD), "S"(cf->proc),
                       "d"((long)cf->dirfd), "r"(r10), "r"(r8)
                     : "rcx", "r11", "memory");
    return rc;
}
