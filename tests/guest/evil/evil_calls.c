/* The evil guest's hypercalls, on argument structs placed at will. */
#include "evil.h"

uint8_t buf[0x10000] __attribute__((aligned(4096)));
uint8_t frame[60] = {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02, 0x00, 0x00,
                     0x00, 0x00, 0x01, 0x88, 0xb5, 'e',  'v',  'i',  'l'};
const char msg[sizeof PUTS_MSG] = PUTS_MSG;
static const char romsg[] = "evil: PUTS of a read-only struct\n";
/* Argument structs in read-only data: the tender may read them. */
const struct hvt_hc_puts roputs = {romsg, sizeof romsg - 1};
const struct hvt_hc_halt rohalt = {NULL, 44, 0};

struct call {
    const char *name;
    unsigned nr, size;
};

static const struct call calls[] = {
    {"walltime", HVT_HYPERCALL_WALLTIME, sizeof(struct hvt_hc_walltime)},
    {"puts", HVT_HYPERCALL_PUTS, sizeof(struct hvt_hc_puts)},
    {"poll", HVT_HYPERCALL_POLL, sizeof(struct hvt_hc_poll)},
    {"blkwrite", HVT_HYPERCALL_BLOCK_WRITE, sizeof(struct hvt_hc_block)},
    {"blkread", HVT_HYPERCALL_BLOCK_READ, sizeof(struct hvt_hc_block)},
    {"blkflush", HVT_HYPERCALL_BLOCK_FLUSH, sizeof(struct hvt_hc_block_flush)},
    {"netwrite", HVT_HYPERCALL_NET_WRITE, sizeof(struct hvt_hc_net)},
    {"netread", HVT_HYPERCALL_NET_READ, sizeof(struct hvt_hc_net)},
    {"halt", HVT_HYPERCALL_HALT, sizeof(struct hvt_hc_halt)},
};

union args {
    struct hvt_hc_walltime wt;
    struct hvt_hc_puts p;
    struct hvt_hc_poll po;
    struct hvt_hc_block b;
    struct hvt_hc_block_flush bf;
    struct hvt_hc_net n;
    struct hvt_hc_halt h;
    uint8_t bytes[40];
};

/* A valid argument struct for call nr. */
static void fill(unsigned nr, union args *a)
{
    switch (nr) {
    case HVT_HYPERCALL_PUTS:
        a->p = (struct hvt_hc_puts){.data = msg, .len = sizeof msg - 1};
        break;
    case HVT_HYPERCALL_BLOCK_WRITE:
    case HVT_HYPERCALL_BLOCK_READ:
        a->b = (struct hvt_hc_block){
            .handle = BLK_H, .data = buf, .len = 512, .ret = -1};
        break;
    case HVT_HYPERCALL_BLOCK_FLUSH:
        a->bf = (struct hvt_hc_block_flush){.handle = BLK_H, .ret = -1};
        break;
    case HVT_HYPERCALL_NET_WRITE:
        a->n = (struct hvt_hc_net){
            .handle = NET_H, .data = frame, .len = sizeof frame, .ret = -1};
        break;
    case HVT_HYPERCALL_NET_READ:
        a->n = (struct hvt_hc_net){
            .handle = NET_H, .data = buf, .len = 2048, .ret = -1};
        break;
    case HVT_HYPERCALL_HALT:
        a->h = (struct hvt_hc_halt){.cookie = NULL, .exit_status = 42};
        break;
    default:
        break;
    }
}

/* Whether the guest can write gpa itself: mapped writable by the tender's
 * page tables and writable on the host. */
static int guest_writable(uint64_t gpa)
{
    return gpa >= HVT_GUEST_MIN_BASE && gpa < ms &&
           !(gpa >= (uintptr_t)_stext && gpa < (uintptr_t)_erodata);
}

NO_SSP static void cmd_at(void)
{
    const char *name = word(), *pos = word();
    const struct call *c = NULL;
    union args a = {0};
    uint64_t gpa;

    for (unsigned i = 0; i < sizeof calls / sizeof calls[0]; i++)
        if (gt_streq(name, calls[i].name))
            c = &calls[i];
    if (c == NULL)
        die("unknown call: ", name);
    if (gt_streq(pos, "last"))
        gpa = ms - 1;
    else if (gt_streq(pos, "straddle"))
        gpa = ms - c->size / 2;
    else if (gt_streq(pos, "past"))
        gpa = ms;
    else if (gt_streq(pos, "top"))
        gpa = 0xffffffffULL;
    else if (gt_streq(pos, "fit"))
        gpa = ms - c->size;
    else
        gpa = value(pos);
    fill(c->nr, &a);
    /* As much of the struct as lies in memory the guest may write. */
    for (unsigned i = 0; i < c->size && guest_writable(gpa + i); i++)
        ((volatile uint8_t *)ptr(gpa))[i] = a.bytes[i];
    say(name);
    gt_puts(" struct at ");
    gt_putx(gpa);
    gt_puts("\n");
    hc(c->nr, gpa);
    say(name);
    gt_puts(" returned");
    if (guest_writable(gpa) && guest_writable(gpa + c->size - 1)) {
        for (unsigned i = 0; i < c->size; i++)
            a.bytes[i] = ((volatile uint8_t *)ptr(gpa))[i];
        if (c->nr == HVT_HYPERCALL_WALLTIME)
            gt_puts(a.wt.nsecs != 0 ? ", time set" : ", time NOT set");
        if (c->nr == HVT_HYPERCALL_BLOCK_READ ||
            c->nr == HVT_HYPERCALL_BLOCK_WRITE) {
            gt_puts(", ret=");
            gt_putu((uint32_t)a.b.ret);
        }
        if (c->nr == HVT_HYPERCALL_BLOCK_FLUSH) {
            gt_puts(", ret=");
            gt_putu((uint32_t)a.bf.ret);
        }
        if (c->nr == HVT_HYPERCALL_NET_READ ||
            c->nr == HVT_HYPERCALL_NET_WRITE) {
            gt_puts(", ret=");
            gt_putu((uint32_t)a.n.ret);
        }
    }
    gt_puts("\n");
}

static void cmd_puts(void)
{
    static struct hvt_hc_puts p;

    p.data = ptr(arg());
    p.len = arg();
    hc(HVT_HYPERCALL_PUTS, (uintptr_t)&p);
    gt_puts("\n");
    say("puts returned\n");
}

static void cmd_poll(void)
{
    static struct hvt_hc_poll p;

    p.timeout_nsecs = arg();
    p.ret = -1;
    hc(HVT_HYPERCALL_POLL, (uintptr_t)&p);
    sayx("poll returned, ready_set=", p.ready_set);
}

static void cmd_halt(void)
{
    static struct hvt_hc_halt h;

    h.cookie = ptr(arg());
    h.exit_status = (int32_t)arg();
    hc(HVT_HYPERCALL_HALT, (uintptr_t)&h);
    say("halt returned\n");
}

static void cmd_blk(const char *name, unsigned nr)
{
    static struct hvt_hc_block b;

    b.handle = arg();
    b.offset = arg();
    b.data = ptr(arg());
    b.len = arg();
    b.ret = -1;
    hc(nr, (uintptr_t)&b);
    check_ret(name, b.ret);
}

static void cmd_blkflush(void)
{
    static struct hvt_hc_block_flush f;

    f.handle = arg();
    f.ret = -1;
    hc(HVT_HYPERCALL_BLOCK_FLUSH, (uintptr_t)&f);
    check_ret("blkflush", f.ret);
}

static void cmd_multi(void)
{
    sayx("block features=", feat);
    sayx("block max_request=", mr);
    if (!(feat & MFT_BLOCK_F_MULTI))
        die("the tender does not offer MFT_BLOCK_F_MULTI", "");
}

static void cmd_net(const char *name, unsigned nr)
{
    static struct hvt_hc_net n;

    n.handle = arg();
    n.data = ptr(arg());
    n.len = arg();
    n.ret = -1;
    hc(nr, (uintptr_t)&n);
    check_ret(name, n.ret);
}

static void cmd_blkread(void)
{
    cmd_blk("blkread", HVT_HYPERCALL_BLOCK_READ);
}

static void cmd_blkwrite(void)
{
    cmd_blk("blkwrite", HVT_HYPERCALL_BLOCK_WRITE);
}

static void cmd_netread(void)
{
    cmd_net("netread", HVT_HYPERCALL_NET_READ);
}

static void cmd_netwrite(void)
{
    cmd_net("netwrite", HVT_HYPERCALL_NET_WRITE);
}

/* Any hypercall number with any argument address. */
static void cmd_hc(void)
{
    uint64_t nr = arg(), gpa = arg();

    hc((unsigned)nr, gpa);
    say("hypercall returned\n");
}

const struct evil_cmd evil_call_cmds[] = {
    {"at", cmd_at},
    {"puts", cmd_puts},
    {"poll", cmd_poll},
    {"halt", cmd_halt},
    {"blkread", cmd_blkread},
    {"blkwrite", cmd_blkwrite},
    {"blkflush", cmd_blkflush},
    {"multi", cmd_multi},
    {"netread", cmd_netread},
    {"netwrite", cmd_netwrite},
    {"hc", cmd_hc},
    {NULL, NULL},
};
