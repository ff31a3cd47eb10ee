/* libFuzzer target: the ELF loader and note reader on arbitrary files. */
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "common.h"

#define MEM_SIZE (4ULL << 20)

static int no_protect(void *ctx, uint64_t start, uint64_t end, int prot)
{
    (void)ctx, (void)start, (void)end, (void)prot;
    return 0;
}

static uint8_t *guest;

/* The loader reads with pread, so the input goes through a real descriptor. */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int fd = -1;
    struct guest_mem mem;
    struct elf_image img;
    struct abi1_info abi;
    struct kiln_err err;
    static struct mft_store store;
    struct elf_file f;
    size_t mft_size;

    if (fd < 0) {
        fd = memfd_create("fuzz", 0);
        guest = mmap(NULL, MEM_SIZE, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (fd < 0 || guest == MAP_FAILED)
            abort();
    }
    if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != (ssize_t)size)
        abort();
    mem = (struct guest_mem){.host = guest, .base = 0, .size = MEM_SIZE};
    if (elf_open(fd, &f, &err) != 0)
        return 0;
    elf_load_abi(&f, &abi, &err);
    mft_load(&f, &store, &mft_size, &err);
    elf_load(&f, &mem, no_protect, NULL, &img, &err);
    return 0;
}
