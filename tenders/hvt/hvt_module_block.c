/* solo5-hvt block module: --block files, BLOCK_READ/WRITE/FLUSH hypercalls. */
#include "hvt.h"

#include <errno.h>
#include <string.h>
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
    const struct mft_entry *e =
        dev_attached(&h->t, a->handle, MFT_DEV_BLOCK_BASIC);
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
HVT_HYPERCALL(BLOCK_WRITE, hc_block_write);

static void hc_block_read(struct hvt *h, uint64_t gpa)
{
    block_io(h, gpa, false);
}
HVT_HYPERCALL(BLOCK_READ, hc_block_read);

/* Every write acknowledged so far reaches the disk, or the tender dies. */
static void hc_block_flush(struct hvt *h, uint64_t gpa)
{
    struct hvt_hc_block_flush *a = HVT_ARG(h, gpa, sizeof *a, true);
    const struct mft_entry *e =
        dev_attached(&h->t, a->handle, MFT_DEV_BLOCK_BASIC);
    char name[TENDER_ESCAPED_NAME_SIZE];

    if (e == NULL) {
        a->ret = SOLO5_R_EINVAL;
        return;
    }
    if (fdatasync(e->b.hostfd) != 0)
        hvt_die("Fatal error when flushing block device '%s': %s",
                tender_escape(e->name, name, sizeof name), strerror(errno));
    a->ret = SOLO5_R_OK;
}
HVT_HYPERCALL(BLOCK_FLUSH, hc_block_flush);

static int setup(struct tender *t)
{
    int attached = dev_attach_all(t, MFT_DEV_BLOCK_BASIC, dev_block_attach);

    if (attached < 0)
        return -1;
    if (attached > 0) {
        hvt_hypercall_enable(HVT_HYPERCALL_BLOCK_WRITE);
        hvt_hypercall_enable(HVT_HYPERCALL_BLOCK_READ);
        hvt_hypercall_enable(HVT_HYPERCALL_BLOCK_FLUSH);
    }
    return 0;
}

/* A 1 MiB device of 512-byte blocks. */
static void describe(struct tender *t, struct mft_entry *e)
{
    (void)t;
    e->u.block_basic.block_size = 512;
    e->u.block_basic.capacity = 1ULL << 20;
}

static const struct tender_module block_module = {
    .name = "block",
    .usage = "  [ --block:NAME=PATH ] (attach block device/file at PATH as "
             "block storage NAME)\n"
             "  [ --block-sector-size:NAME=512 ] (set block sector size of "
             "NAME; a power of two >= 512)\n",
    .handle_option = dev_block_option,
    .setup = setup,
    .rules = dev_block_rules,
    .describe = describe,
};
TENDER_MODULE(block, block_module);
TENDER_MODULE_OPTIONS(block, "--block --block-sector-size");
