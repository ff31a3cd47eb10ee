/* libFuzzer target: the virtio multiboot parsers (memory map, command line). */
#include <sys/mman.h>

#include "fuzz_virtio.h"

#include "virtio_multiboot.c"

/*
 * Input: u32 flags, u32 mem_upper, the command line's and the memory map's
 * addresses (each a u8 anchor and a s32 offset), u32 mmap_length; the rest
 * is chunks poked into physical memory: u8 anchor, s32 offset, u8 length,
 * the bytes.
 *
 * Physical memory is the guest's as its boot page tables map it: 0-4 GiB,
 * page 0 left out, nothing above. Here it is a 4 GiB window with PROT_NONE
 * at page 0 and above 4 GiB, so any read the guest could not make crashes.
 */

#define FZ_PHYS_END 0x100000000ULL
#define FZ_GUARD (16ULL << 20)
#define FZ_PAGE 4096ULL
#define FZ_MAX_POKES 64

static uint8_t *win;
static uint64_t pokes[FZ_MAX_POKES][2]; /* pages dirtied: start, end */
static unsigned npokes;

const void *virtio_phys(uint64_t pa)
{
    if (pa >= FZ_PHYS_END) {
        fprintf(stderr, "fuzz: physical address 0x%llx is not mapped\n",
                (unsigned long long)pa);
        abort();
    }
    return win + pa;
}

static uint32_t fz_in(uint16_t port, unsigned bytes)
{
    fprintf(stderr, "fuzz: unexpected in%u from port 0x%x\n", bytes, port);
    abort();
}

static void fz_out(uint16_t port, unsigned bytes, uint32_t value)
{
    fprintf(stderr, "fuzz: unexpected out%u 0x%x to port 0x%x\n", bytes, value,
            port);
    abort();
}

static void setup(void)
{
    win = mmap(NULL, FZ_PHYS_END + FZ_GUARD, PROT_READ | PROT_WRITE,
               MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (win == MAP_FAILED || mprotect(win, FZ_PAGE, PROT_NONE) != 0 ||
        mprotect(win + FZ_PHYS_END, FZ_GUARD, PROT_NONE) != 0) {
        perror("fuzz: physical memory window");
        abort();
    }
}

static uint64_t anchor(unsigned a, const struct multiboot_info *mbi)
{
    switch (a & 7) {
    case 0:
        return 0;
    case 1:
        return MEM_START;
    case 2:
        return FZ_PHYS_END;
    case 3:
        return mbi->cmdline;
    case 4:
        return mbi->mmap_addr;
    case 5:
        return (uint64_t)mbi->mmap_addr + mbi->mmap_length;
    case 6:
        return PHYS_START;
    default:
        return 0x10000;
    }
}

/* Stores bytes at physical address a where memory is (page 0 is not). */
static void poke(uint64_t a, const uint8_t *buf, size_t len)
{
    uint64_t start = a, end = a + len;

    if (start < PHYS_START)
        start = PHYS_START;
    if (end > FZ_PHYS_END || end < a)
        end = FZ_PHYS_END;
    if (start >= end || npokes == FZ_MAX_POKES)
        return;
    memcpy(win + start, buf + (start - a), end - start);
    pokes[npokes][0] = start & ~(FZ_PAGE - 1);
    pokes[npokes][1] = end;
    npokes++;
}

/* Gives the dirtied pages back: the window is all zeros again. */
static void unpoke(void)
{
    for (unsigned i = 0; i < npokes; i++)
        if (madvise(win + pokes[i][0], pokes[i][1] - pokes[i][0],
                    MADV_DONTNEED) != 0)
            abort();
    npokes = 0;
}

/* The command line as the contract has it, computed another way. */
static void check_cmdline(const struct multiboot_info *mbi, const char *got,
                          bool truncated)
{
    const char *s, *sp;
    size_t max, len, want;

    if (got != cmdline_buf)
        abort();
    if (!(mbi->flags & MBI_CMDLINE) || mbi->cmdline < PHYS_START) {
        if (got[0] != '\0' || truncated)
            abort();
        return;
    }
    s = (const char *)win + mbi->cmdline;
    max = FZ_PHYS_END - mbi->cmdline;
    len = strnlen(s, max);
    sp = memchr(s, ' ', len);
    if (sp != NULL) {
        max -= (size_t)(sp + 1 - s);
        s = sp + 1;
    } else {
        max -= len;
        s += len;
    }
    len = strnlen(s, max);
    want = len < CMDLINE_SIZE - 1 ? len : CMDLINE_SIZE - 1;
    if (strlen(got) != want || memcmp(got, s, want) != 0 ||
        truncated != (len > want || len == max))
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct fz_input in = {data, size};
    struct multiboot_info mbi = {0};
    volatile uint64_t mem = 0;
    const char *cmdline;
    bool truncated;
    unsigned a;

    if (win == NULL)
        setup();
    mbi.flags = (uint32_t)fz_take(&in, 4);
    mbi.mem_upper = (uint32_t)fz_take(&in, 4);
    a = (unsigned)fz_take(&in, 1);
    mbi.cmdline = (uint32_t)(anchor(a & 3, &mbi) + (int32_t)fz_take(&in, 4));
    a = (unsigned)fz_take(&in, 1);
    mbi.mmap_addr = (uint32_t)(anchor(a & 3, &mbi) + (int32_t)fz_take(&in, 4));
    mbi.mmap_length = (uint32_t)fz_take(&in, 4);
    while (in.n > 0) {
        uint64_t at = anchor((unsigned)fz_take(&in, 1), &mbi) +
                      (uint64_t)(int64_t)(int32_t)fz_take(&in, 4);
        size_t len = (size_t)fz_take(&in, 1);

        if (len > in.n)
            len = in.n;
        poke(at, in.p, len);
        in.p += len;
        in.n -= len;
    }

    cmdline_buf[0] = '\0';
    fz_line[0] = '\0';
    fz_in_call = 1;
    if (setjmp(fz_jb) == 0) {
        mem = multiboot_mem_size(&mbi);
        if (mem < MEM_START || mem > MEM_CAP)
            abort();
    } else if (!fz_panicked("No memory map from the multiboot loader") ||
               (mbi.flags & MBI_MEM)) {
        abort();
    }
    fz_in_call = 0;
    cmdline = multiboot_cmdline(&mbi, &truncated);
    check_cmdline(&mbi, cmdline, truncated);
    unpoke();
    return 0;
}
