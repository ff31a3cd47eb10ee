/* solo5-hvt block module: --block files, BLOCK_READ/BLOCK_WRITE hypercalls. */
#include "hvt.h"

#include <errno.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "solo5.h"

/*
 * One whole block inside the device, or EINVAL: the sandbox lets the tender
 * move exactly one block at in-range offsets, nothing else.
 */
static int check_request(const struct mft_entry *e, uint64_t off, uint64_t len)
{
    uint64_t bs = e->u.block_basic.block_size;
    uint64_t cap = e->u.block_basic.capacity;

    if (len != bs || off % bs != 0 || off > cap - bs)
        return SOLO5_R_EINVAL;
    return SOLO5_R_OK;
}

static void block_io(struct hvt *h, uint64_t gpa, bool write)
{
    struct hvt_hc_block *a = HVT_ARG(h, gpa, sizeof *a, true);
    uint64_t off = a->offset, len = a->len, data = a->data;
    const struct mft_entry *e = hvt_device(h, a->handle, MFT_DEV_BLOCK_BASIC);
    char name[TENDER_ESCAPED_NAME_SIZE];
    ssize_t n;
    void *buf;

    if (e == NULL || check_request(e, off, len) != SOLO5_R_OK) {
        a->ret = SOLO5_R_EINVAL;
        return;
    }
    /* Reading into guest memory means the tender writes it. */
    buf = HVT_GPA(h, data, len, !write);
    n = write ? pwrite(e->b.hostfd, buf, len, (off_t)off)
              : pread(e->b.hostfd, buf, len, (off_t)off);
    if (n != (ssize_t)len)
        hvt_die("Fatal error when %s block device '%s': %s",
                write ? "writing" : "reading",
                tender_escape(e->name, name, sizeof name),
                n < 0 ? strerror(errno) : "short transfer");
    a->ret = SOLO5_R_OK;
}

static void hc_block_write(struct hvt *h, uint64_t gpa)
{
    block_io(h, gpa, true);
}

static void hc_block_read(struct hvt *h, uint64_t gpa)
{
    block_io(h, gpa, false);
}

/* The tender may move one block, at offsets that keep it inside the file. */
static void add_rules(struct hvt *h, const struct mft_entry *e)
{
    uint64_t fd = (uint64_t)e->b.hostfd, bs = e->u.block_basic.block_size;
    uint64_t last = e->u.block_basic.capacity - bs;

    sandbox_allow(&h->sb, SYS_pread64, 3, 0u, SANDBOX_EQ, fd, 2u, SANDBOX_EQ,
                  bs, 3u, SANDBOX_LE, last);
    sandbox_allow(&h->sb, SYS_pwrite64, 3, 0u, SANDBOX_EQ, fd, 2u, SANDBOX_EQ,
                  bs, 3u, SANDBOX_LE, last);
}

static int setup(struct tender *t)
{
    struct hvt *h = hvt_of(t);
    unsigned attached = 0;

    for (unsigned i = 0; i < t->mft->entries; i++) {
        if (t->mft->e[i].type != MFT_DEV_BLOCK_BASIC || t->dev[i].path == NULL)
            continue;
        if (dev_block_attach(t, i) != 0)
            return -1;
        add_rules(h, &t->mft->e[i]);
        attached++;
    }
    if (attached > 0) {
        hvt_hypercall_register(HVT_HYPERCALL_BLOCK_WRITE, hc_block_write);
        hvt_hypercall_register(HVT_HYPERCALL_BLOCK_READ, hc_block_read);
    }
    return 0;
}

static const struct tender_module block_module = {
    .name = "block",
    .usage = "  [ --block:NAME=PATH ] (attach block device/file at PATH as "
             "block storage NAME)\n"
             "  [ --block-sector-size:NAME=512 ] (set block sector size of "
             "NAME; a power of two >= 512)\n",
    .handle_option = dev_block_option,
    .setup = setup,
};
TENDER_MODULE(block, block_module);
