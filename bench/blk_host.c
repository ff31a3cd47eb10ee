/* Block bench host baseline: pread, then pwrite, every block of a file. */
#include "bench_dev.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static uint8_t buf[32768] __attribute__((aligned(4096)));

/* Reads (write == 0) or writes every block in order; bytes per second. */
static int pass(int fd, uint64_t size, size_t bs, int write)
{
    uint64_t t0 = now_ns();

    for (uint64_t off = 0; off + bs <= size; off += bs) {
        ssize_t n = write ? pwrite(fd, buf, bs, (off_t)off)
                          : pread(fd, buf, bs, (off_t)off);
        if (n != (ssize_t)bs)
            return perror("blk_host"), 1;
    }
    print_rate(write ? "write" : "read", size / bs * bs, now_ns() - t0);
    return 0;
}

/* usage: blk_host FILE BLOCK_SIZE */
int main(int argc, char **argv)
{
    size_t bs = argc == 3 ? (size_t)arg_u64(argv[2]) : 0;
    int fd = argc == 3 ? open(argv[1], O_RDWR | O_CLOEXEC) : -1;
    struct stat st;

    if (bs == 0 || bs > sizeof buf) {
        fprintf(stderr, "usage: blk_host FILE BLOCK_SIZE\n");
        return 2;
    }
    if (fd < 0 || fstat(fd, &st) < 0)
        return perror(argv[1]), 1;
    return pass(fd, (uint64_t)st.st_size, bs, 0) ||
           pass(fd, (uint64_t)st.st_size, bs, 1);
}
