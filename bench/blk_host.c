/* Block bench host baseline: pread/pwrite/fdatasync by bench_blk.h's plan. */
#include "bench_dev.h"
#include "guest/common/bench_blk.h"

#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static uint8_t buf[BENCH_BLK_MAX_REQ] __attribute__((aligned(4096)));

static int io(int fd, int write, uint64_t off, uint64_t len)
{
    ssize_t n = write ? pwrite(fd, buf, len, (off_t)off)
                      : pread(fd, buf, len, (off_t)off);

    if (n != (ssize_t)len)
        return perror("blk_host"), 1;
    return 0;
}

/* Reads (write == 0) or writes span bytes in order, req at a time. */
static int seq(int fd, int write, uint64_t req, uint64_t span)
{
    uint64_t t0 = now_ns();

    for (uint64_t off = 0; off < span; off += req)
        if (io(fd, write, off, req))
            return 1;
    print_rate(write ? "write" : "read", span, now_ns() - t0);
    return 0;
}

static int rnd(int fd, uint64_t cap, uint64_t req, uint64_t n)
{
    uint64_t s = BENCH_BLK_SEED, slots = cap / req, t0 = now_ns();

    for (uint64_t i = 0; i < n; i++)
        if (io(fd, 0, bench_blk_next(&s) % slots * req, req))
            return 1;
    print_rate("rand", n * req, now_ns() - t0);
    return 0;
}

static int flush(int fd, uint64_t cap, uint64_t n)
{
    uint64_t len = BENCH_BLK_FLUSH_LEN, slots = cap / len, t0 = now_ns();

    for (uint64_t i = 0; i < n; i++) {
        if (io(fd, 1, i % slots * len, len))
            return 1;
        if (fdatasync(fd) != 0)
            return perror("blk_host: fdatasync"), 1;
    }
    print_rate("flush", n, now_ns() - t0);
    return 0;
}

static int usage(void)
{
    fprintf(stderr, "usage: blk_host FILE BLOCK_SIZE | FILE seq REQ MB | "
                    "FILE rand REQ N | FILE flush N\n");
    return 2;
}

/* The words after FILE are bench_blk.h's; FILE BLOCK_SIZE is "seq BLOCK_SIZE
 * 0". */
int main(int argc, char **argv)
{
    int fd = argc >= 3 ? open(argv[1], O_RDWR | O_CLOEXEC) : -1;
    const char *m = argc >= 3 ? argv[2] : "";
    uint64_t req = argc >= 4 ? arg_u64(argv[3]) : 0;
    struct stat st;

    if (argc < 3)
        return usage();
    if (fd < 0 || fstat(fd, &st) < 0)
        return perror(argv[1]), 1;
    if (argc == 3 && arg_u64(m) > 0) {
        req = arg_u64(m);
        m = "seq";
    }
    if (strcmp(m, "flush") == 0 && argc == 4)
        return flush(fd, (uint64_t)st.st_size, req);
    if (req == 0 || req > sizeof buf)
        return usage();
    if (strcmp(m, "rand") == 0 && argc == 5)
        return rnd(fd, (uint64_t)st.st_size, req, arg_u64(argv[4]));
    if (strcmp(m, "seq") == 0 && argc <= 5) {
        uint64_t span = bench_blk_span((uint64_t)st.st_size, req,
                                       argc == 5 ? arg_u64(argv[4]) : 0);
        return seq(fd, 0, req, span) || seq(fd, 1, req, span);
    }
    return usage();
}
