/* solo5-hvt block module: --block files, BLOCK_READ/WRITE/FLUSH hypercalls. */
#include "hvt.h"

#include "common_dev.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "solo5.h"

/*
 * Whole blocks inside the device, as many as the entry offers (spec 10.1):
 * len a multiple of block_size from one block to max_request (one block
 * without MFT_BLOCK_F_MULTI), off a multiple of block_size, off + len <=
 * capacity; else EINVAL. The sandbox allows exactly these.
 */
static int check_request(const struct mft_entry *e, uint64_t off, uint64_t len)
{
    uint64_t bs = e->u.block_basic.block_size;
    uint64_t cap = e->u.block_basic.capacity;
    uint64_t max = e->u.block_basic.features & MFT_BLOCK_F_MULTI
                       ? e->u.block_basic.max_request
                       : bs;

    if (len == 0 || len % bs != 0 || len > max || off % bs != 0)
        return SOLO5_R_EINVAL;
    if (len > cap || off > cap - len)
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

/* A 1 MiB device of 512-byte blocks, with what this tender offers. */
static void describe(struct tender *t)
{
    struct mft_entry *e = dev_describe(t, MFT_DEV_BLOCK_BASIC);

    e->u.block_basic.block_size = 512;
    e->u.block_basic.capacity = 1ULL << 20;
    dev_block_offer(e, false);
}

static const struct tender_module block_module = {
    .name = "block",
    .usage = "  [ --block:NAME=PATH ] (attach block device/file at PATH as "
             "block storage NAME)\n"
             "  [ --block-sector-size:NAME=512 ] (set block sector size of "
             "NAME; a power of two >= 512)\n"
             "  [ --block-write-through:NAME=on ] (each write to NAME is "
             "durable when it returns: O_DSYNC)\n",
    .handle_option = dev_block_option,
    .setup = setup,
    .rules = dev_block_rules,
    .describe = describe,
};
TENDER_MODULE(block, block_module);
TENDER_MODULE_OPTIONS(block,
                      "--block --block-sector-size --block-write-through");
