/* solo5-hvt gdb module: a gdb remote stub on one socket, in the sandbox. */
#include "hvt.h"
#include "hvt_gdb.h"

#include <arpa/inet.h>
#include <err.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define DEFAULT_PORT 1234
#define SW_MAX 64 /* software breakpoints */
#define HW_MAX 4  /* debug registers */
#define PAGE 4096ULL

/* Error replies: malformed packet, packet too long, memory outside the
 * guest or unmapped, no such breakpoint or no room, register refused. */
enum { E_BAD = 1, E_LONG = 2, E_MEM = 3, E_POINT = 4, E_REG = 5 };

static const char *const gdb_flags[] = {"--gdb", NULL};

struct sw_bp {
    uint64_t addr;
    uint8_t saved; /* the guest's byte under the planted instruction */
    bool used;
};

struct hw_bp {
    uint64_t addr, len;
    enum gdb_bp_type type;
    bool used;
    uint8_t old[8]; /* a write watchpoint's bytes when the guest resumed */
};

static struct {
    bool wanted, port_given;
    unsigned port;
    int fd;        /* the connected socket */
    bool attached; /* false once gdb detached */
    struct gdb_rx rx;
    struct gdb_reply reply;
    char frame[GDB_FRAME_MAX];
    size_t frame_len;
    uint8_t in[GDB_PKT_MAX];
    size_t in_pos, in_len;
    struct sw_bp sw[SW_MAX];
    struct hw_bp hw[HW_MAX];
    struct gdb_stop last;
    bool stepping;      /* gdb asked for one instruction */
    bool stepping_over; /* ...or the stub steps over a planted breakpoint */
    uint64_t over;      /* at this address */
} g = {.port = DEFAULT_PORT, .fd = -1};

/* ---- the connection -------------------------------------------------------
 */

static void HVT_NORETURN gone(void)
{
    g.attached = false;
    hvt_die("gdb: the debugger closed the connection");
}

static void send_raw(const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(g.fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            gone();
        p += w;
        n -= (size_t)w;
    }
}

/* Sends g.reply, framed; kept for a resend on '-'. */
static void send_reply(void)
{
    g.frame_len = gdb_frame(g.frame, g.reply.buf, g.reply.len);
    send_raw(g.frame, g.frame_len);
}

static uint8_t read_byte(void)
{
    while (g.in_pos == g.in_len) {
        ssize_t n = read(g.fd, g.in, sizeof g.in);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            gone();
        g.in_pos = 0;
        g.in_len = (size_t)n;
    }
    return g.in[g.in_pos++];
}

/* ---- guest memory, through the page tables and gmem_ptr -------------------
 */

/* Host address of n bytes at guest virtual address va, all in one page. */
static uint8_t *guest_bytes(const struct hvt *h, uint64_t va, uint64_t n)
{
    uint64_t gpa;

    if (gdb_arch_translate(h, va, &gpa) != 0)
        return NULL;
    return gmem_ptr(&h->mem, gpa, n);
}

/* Copies len bytes between buf and the guest at va: 0, or -1 (nothing
 * written) if some byte is unmapped or outside guest memory. */
static int mem_copy(const struct hvt *h, uint64_t va, uint8_t *buf,
                    uint64_t len, bool write)
{
    uint64_t end;

    if (add_overflows(va, len, &end))
        return -1;
    for (int pass = 0; pass < 2; pass++) {
        for (uint64_t a = va; a < end;) {
            uint64_t n = PAGE - (a & (PAGE - 1));
            uint8_t *p;
            if (n > end - a)
                n = end - a;
            p = guest_bytes(h, a, n);
            if (p == NULL)
                return -1;
            if (pass == 1 && write)
                memcpy(p, buf + (a - va), n);
            else if (pass == 1)
                memcpy(buf + (a - va), p, n);
            a += n;
        }
    }
    return 0;
}

static struct sw_bp *sw_find(uint64_t addr)
{
    for (unsigned i = 0; i < SW_MAX; i++)
        if (g.sw[i].used && g.sw[i].addr == addr)
            return &g.sw[i];
    return NULL;
}

/* gdb sees the guest's bytes, not the planted ones; a write under a
 * breakpoint changes the byte it restores. */
static void read_mem(const struct hvt *h, uint64_t va, uint64_t len)
{
    uint8_t buf[GDB_PKT_MAX / 2];

    if (len > sizeof buf)
        len = sizeof buf;
    if (mem_copy(h, va, buf, len, false) != 0) {
        gdb_reply_error(&g.reply, E_MEM);
        return;
    }
    for (unsigned i = 0; i < SW_MAX; i++)
        if (g.sw[i].used && g.sw[i].addr - va < len)
            buf[g.sw[i].addr - va] = g.sw[i].saved;
    gdb_reply_hex(&g.reply, buf, len);
}

static void write_mem(const struct hvt *h, uint64_t va, const uint8_t *data,
                      uint64_t len)
{
    uint8_t buf[GDB_PKT_MAX];

    memcpy(buf, data, len);
    for (unsigned i = 0; i < SW_MAX; i++)
        if (g.sw[i].used && g.sw[i].addr - va < len) {
            g.sw[i].saved = buf[g.sw[i].addr - va];
            buf[g.sw[i].addr - va] = gdb_arch_break_insn;
        }
    if (mem_copy(h, va, buf, len, true) != 0)
        gdb_reply_error(&g.reply, E_MEM);
    else
        gdb_reply_str(&g.reply, "OK");
}

/* ---- breakpoints and watchpoints ------------------------------------------
 */

static int sw_insert(const struct hvt *h, uint64_t addr)
{
    uint8_t *p = guest_bytes(h, addr, 1);

    if (p == NULL)
        return E_MEM;
    if (sw_find(addr) != NULL)
        return 0;
    for (unsigned i = 0; i < SW_MAX; i++)
        if (!g.sw[i].used) {
            g.sw[i] = (struct sw_bp){addr, *p, true};
            *p = gdb_arch_break_insn;
            return 0;
        }
    return E_POINT;
}

static void sw_restore(const struct hvt *h, const struct sw_bp *b)
{
    uint8_t *p = guest_bytes(h, b->addr, 1);

    if (p != NULL)
        *p = b->saved;
}

static int sw_remove(const struct hvt *h, uint64_t addr)
{
    struct sw_bp *b = sw_find(addr);

    if (b == NULL)
        return E_POINT;
    sw_restore(h, b);
    b->used = false;
    return 0;
}

static int hw_insert(const struct gdb_cmd *c)
{
    uint64_t ctl = 0;

    if (gdb_arch_hw_slot(0, c->type, c->addr, c->kind_arg, &ctl) != 0)
        return E_POINT;
    for (unsigned i = 0; i < HW_MAX; i++)
        if (!g.hw[i].used) {
            g.hw[i] = (struct hw_bp){.addr = c->addr,
                                     .len = c->kind_arg,
                                     .type = c->type,
                                     .used = true};
            return 0;
        }
    return E_POINT;
}

static int hw_remove(const struct gdb_cmd *c)
{
    for (unsigned i = 0; i < HW_MAX; i++)
        if (g.hw[i].used && g.hw[i].addr == c->addr &&
            g.hw[i].type == c->type && g.hw[i].len == c->kind_arg) {
            g.hw[i].used = false;
            return 0;
        }
    return E_POINT;
}

static void point(const struct hvt *h, const struct gdb_cmd *c)
{
    int rc;

    if (c->type == GDB_BP_SW && c->kind_arg != 1)
        rc = E_POINT;
    else if (c->type == GDB_BP_SW)
        rc = c->kind == GDB_CMD_INSERT ? sw_insert(h, c->addr)
                                       : sw_remove(h, c->addr);
    else
        rc = c->kind == GDB_CMD_INSERT ? hw_insert(c) : hw_remove(c);
    if (rc != 0)
        gdb_reply_error(&g.reply, (unsigned)rc);
    else
        gdb_reply_str(&g.reply, "OK");
}

static bool watching(void)
{
    for (unsigned i = 0; i < HW_MAX; i++)
        if (g.hw[i].used && g.hw[i].type == GDB_WP_WRITE)
            return true;
    return false;
}

/* Records the bytes under each write watchpoint. */
static void watch_snapshot(const struct hvt *h)
{
    for (unsigned i = 0; i < HW_MAX; i++)
        if (g.hw[i].used && g.hw[i].type == GDB_WP_WRITE &&
            mem_copy(h, g.hw[i].addr, g.hw[i].old, g.hw[i].len, false) != 0)
            memset(g.hw[i].old, 0, sizeof g.hw[i].old);
}

/* The first write watchpoint whose bytes changed, into s. */
static void watch_hit(const struct hvt *h, struct gdb_stop *s)
{
    uint8_t now[8];

    for (unsigned i = 0; i < HW_MAX; i++)
        if (g.hw[i].used && g.hw[i].type == GDB_WP_WRITE &&
            mem_copy(h, g.hw[i].addr, now, g.hw[i].len, false) == 0 &&
            memcmp(now, g.hw[i].old, g.hw[i].len) != 0) {
            memcpy(g.hw[i].old, now, g.hw[i].len);
            s->reason = GDB_REASON_WATCH;
            s->addr = g.hw[i].addr;
            return;
        }
}

/* Loads the debug registers, and the step flag, for the next run. */
static void arm(struct hvt *h, bool step)
{
    uint64_t addr[HW_MAX] = {0}, ctl = 0;

    for (unsigned i = 0; i < HW_MAX; i++)
        if (g.hw[i].used) {
            addr[i] = g.hw[i].addr;
            (void)gdb_arch_hw_slot(i, g.hw[i].type, g.hw[i].addr, g.hw[i].len,
                                   &ctl);
        }
    hvt_vcpu_debug(h, step, addr, ctl);
}

/* ---- resuming -------------------------------------------------------------
 */

/* The guest goes on: a planted breakpoint at the program counter is
 * stepped over first (restored, one step, planted again). */
static void resume(struct hvt *h, bool step)
{
    struct sw_bp *b = sw_find(gdb_arch_pc());

    g.stepping = step;
    g.stepping_over = b != NULL;
    if (b != NULL) {
        g.over = b->addr;
        sw_restore(h, b);
    }
    watch_snapshot(h);
    gdb_arch_flush(h);
    arm(h, step || b != NULL || watching());
}

/* Removes every breakpoint and lets the guest run without gdb. */
static void detach(struct hvt *h)
{
    for (unsigned i = 0; i < SW_MAX; i++)
        if (g.sw[i].used) {
            sw_restore(h, &g.sw[i]);
            g.sw[i].used = false;
        }
    memset(g.hw, 0, sizeof g.hw);
    g.attached = false;
    gdb_arch_flush(h);
    arm(h, false);
}

/* ---- commands -------------------------------------------------------------
 */

static void regs_cmd(const struct gdb_cmd *c)
{
    uint8_t buf[GDB_PKT_MAX / 2];
    size_t n;

    switch (c->kind) {
    case GDB_CMD_READ_REGS:
        n = gdb_arch_read_all(buf);
        gdb_reply_hex(&g.reply, buf, n);
        return;
    case GDB_CMD_READ_REG:
        n = gdb_arch_read_reg(c->reg, buf);
        if (n == 0)
            gdb_reply_error(&g.reply, E_REG);
        else
            gdb_reply_hex(&g.reply, buf, n);
        return;
    case GDB_CMD_WRITE_REGS:
        if (gdb_arch_write_all(c->data, c->len) != 0)
            gdb_reply_error(&g.reply, E_REG);
        else
            gdb_reply_str(&g.reply, "OK");
        return;
    default:
        if (gdb_arch_write_reg(c->reg, c->data, c->len) != 0)
            gdb_reply_error(&g.reply, E_REG);
        else
            gdb_reply_str(&g.reply, "OK");
    }
}

/* Runs one command; true if it resumes the guest (no reply yet). */
static bool command(struct hvt *h, char *pkt, size_t len)
{
    struct gdb_cmd c;
    size_t xml_size;
    const char *xml;

    gdb_parse(pkt, len, &c);
    g.reply.len = 0;
    switch (c.kind) {
    case GDB_CMD_UNSUPPORTED:
        break;
    case GDB_CMD_BAD:
        gdb_reply_error(&g.reply, E_BAD);
        break;
    case GDB_CMD_CONST:
        gdb_reply_str(&g.reply, c.reply);
        break;
    case GDB_CMD_STATUS:
        gdb_reply_stop(&g.reply, &g.last);
        break;
    case GDB_CMD_READ_REGS:
    case GDB_CMD_READ_REG:
    case GDB_CMD_WRITE_REGS:
    case GDB_CMD_WRITE_REG:
        regs_cmd(&c);
        break;
    case GDB_CMD_READ_MEM:
        read_mem(h, c.addr, c.len);
        break;
    case GDB_CMD_WRITE_MEM:
        write_mem(h, c.addr, c.data, c.len);
        break;
    case GDB_CMD_CONTINUE:
    case GDB_CMD_STEP:
        if (c.has_addr)
            gdb_arch_set_pc(c.addr);
        resume(h, c.kind == GDB_CMD_STEP);
        return true;
    case GDB_CMD_INSERT:
    case GDB_CMD_REMOVE:
        point(h, &c);
        break;
    case GDB_CMD_XFER:
        xml = gdb_arch_target_xml(&xml_size);
        gdb_reply_xfer(&g.reply, xml, xml_size, c.addr, c.len);
        break;
    case GDB_CMD_KILL:
        if (c.reply != NULL) {
            gdb_reply_str(&g.reply, c.reply);
            send_reply();
        }
        g.attached = false;
        hvt_die("gdb: the debugger killed the guest");
    case GDB_CMD_DETACH:
        gdb_reply_str(&g.reply, "OK");
        send_reply();
        detach(h);
        return true;
    }
    send_reply();
    return false;
}

/* Serves gdb until it resumes the guest. */
static void serve(struct hvt *h)
{
    for (;;) {
        switch (gdb_rx_feed(&g.rx, read_byte())) {
        case GDB_RX_PACKET:
            send_raw("+", 1);
            if (command(h, g.rx.buf, g.rx.len))
                return;
            break;
        case GDB_RX_BADSUM:
            send_raw("-", 1);
            break;
        case GDB_RX_TOOLONG:
            send_raw("+", 1);
            gdb_reply_error(&g.reply, E_LONG);
            send_reply();
            break;
        case GDB_RX_NACK:
            if (g.frame_len > 0)
                send_raw(g.frame, g.frame_len);
            break;
        default: /* acks, and ^C: the guest is stopped already */
            break;
        }
    }
}

/* ---- stops ----------------------------------------------------------------
 */

/* What a debug trap with status (x86_64 DR6) was: a debug register's hit
 * (B0-B3), else a step. */
static void trap_reason(uint64_t status, struct gdb_stop *s)
{
    static const enum gdb_stop_reason reasons[] = {
        [GDB_BP_HW] = GDB_REASON_HWBREAK,
        [GDB_WP_WRITE] = GDB_REASON_WATCH,
        [GDB_WP_READ] = GDB_REASON_RWATCH,
        [GDB_WP_ACCESS] = GDB_REASON_AWATCH,
    };

    for (unsigned i = 0; i < HW_MAX; i++)
        if ((status & (1u << i)) && g.hw[i].used) {
            s->reason = reasons[g.hw[i].type];
            s->addr = g.hw[i].addr;
            return;
        }
}

/* Puts the breakpoint stepped over back. */
static void replant(const struct hvt *h)
{
    uint8_t *p;

    g.stepping_over = false;
    if (sw_find(g.over) != NULL && (p = guest_bytes(h, g.over, 1)) != NULL)
        *p = gdb_arch_break_insn;
}

/*
 * A stop the stub asked for itself: the step over a planted breakpoint, or
 * one of the steps that watch memory (debug registers do not fire under
 * some hypervisors, QEMU's TCG among them, so a write watchpoint is also
 * checked by comparing its bytes after each instruction). True if the
 * guest just goes on; else s says why it stopped.
 */
static bool own_step(struct hvt *h, uint64_t status, struct gdb_stop *s)
{
    if (g.stepping_over)
        replant(h);
    trap_reason(status, s);
    if (s->reason == GDB_REASON_NONE)
        watch_hit(h, s);
    if (s->reason != GDB_REASON_NONE || g.stepping)
        return false;
    arm(h, watching());
    return true;
}

static bool stop(struct hvt *h, enum hvt_debug_event ev, uint64_t status)
{
    struct gdb_stop s = {GDB_STOP_SIGNAL, GDB_SIGTRAP, GDB_REASON_NONE, 0};

    if (!g.attached)
        return false;
    if (ev == HVT_DEBUG_TRAP && own_step(h, status, &s))
        return true;
    gdb_arch_fetch(h);
    if (ev == HVT_DEBUG_HLT) {
        uint64_t at = gdb_arch_pc() - 1;
        if (sw_find(at) == NULL)
            return false;
        gdb_arch_set_pc(at);
        s.reason = GDB_REASON_SWBREAK;
    }
    g.last = s;
    if (ev != HVT_DEBUG_START) {
        gdb_reply_stop(&g.reply, &s);
        send_reply();
    }
    serve(h);
    return true;
}

static const struct hvt_debugger debugger = {.stop = stop};

/* The guest's end, HALT or a fatal condition (hvt_end): gdb hears that it
 * exited with its status, or was killed, before the tender goes. */
static void gdb_exit(struct tender *t, int status, bool fatal)
{
    (void)t;
    if (!g.attached)
        return;
    g.attached = false;
    g.last =
        fatal ? (struct gdb_stop){.kind = GDB_STOP_KILLED, .code = GDB_SIGKILL}
              : (struct gdb_stop){.kind = GDB_STOP_EXITED,
                                  .code = (unsigned)status};
    gdb_reply_stop(&g.reply, &g.last);
    send_reply();
}

/* Any other exit while gdb is attached is a kill for gdb. */
static void at_exit(void)
{
    gdb_exit(NULL, 1, true);
}

/* ---- setup ----------------------------------------------------------------
 */

/* Listens on 127.0.0.1:port and waits for gdb to connect. */
static int connect_gdb(void)
{
    struct sockaddr_in a = {.sin_family = AF_INET,
                            .sin_port = htons((uint16_t)g.port),
                            .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    int one = 1, ls = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

    if (ls < 0 ||
        setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) != 0 ||
        bind(ls, (struct sockaddr *)&a, sizeof a) != 0 || listen(ls, 1) != 0) {
        warnx("gdb: cannot listen on 127.0.0.1:%u: %s", g.port,
              strerror(errno));
        return -1;
    }
    warnx("gdb: waiting for a connection on 127.0.0.1:%u", g.port);
    do
        g.fd = accept4(ls, NULL, NULL, SOCK_CLOEXEC);
    while (g.fd < 0 && errno == EINTR);
    if (g.fd < 0) {
        warnx("gdb: accept: %s", strerror(errno));
        return -1;
    }
    close(ls);
    (void)setsockopt(g.fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    return 0;
}

/* --gdb=@FD: a connected stream socket. */
static int take_fd(const char *opt, const char *num)
{
    uint64_t fd;
    struct stat st;
    int type;
    socklen_t len = sizeof type;

    if (!opt_parse_u64(num, &fd) || fd > 65535)
        return tender_bad_option(opt, "Malformed descriptor");
    if (fstat((int)fd, &st) != 0 || !S_ISSOCK(st.st_mode) ||
        getsockopt((int)fd, SOL_SOCKET, SO_TYPE, &type, &len) != 0 ||
        type != SOCK_STREAM)
        return tender_bad_option(opt, "Descriptor %llu is not a stream socket",
                                 (unsigned long long)fd);
    g.fd = (int)fd;
    return 0;
}

static int handle_option(struct tender *t, const char *opt)
{
    uint64_t port;

    (void)t;
    if (strcmp(opt, "--gdb") == 0) {
        g.wanted = true;
        return 0;
    }
    if (strncmp(opt, "--gdb=@", 7) == 0) {
        g.wanted = true;
        return take_fd(opt, opt + 7);
    }
    if (strncmp(opt, "--gdb-port=", 11) == 0) {
        if (!opt_parse_u64(opt + 11, &port) || port == 0 || port > 65535)
            return tender_bad_option(opt, "Port must be 1 to 65535");
        g.port = (unsigned)port;
        g.port_given = true;
        return 0;
    }
    if (strncmp(opt, "--gdb", 5) == 0)
        return tender_bad_option(opt, "Expected --gdb, --gdb=@FD or "
                                      "--gdb-port=N");
    return 1;
}

/* Breakpoints are planted in guest code, which the host maps read-only:
 * under gdb it is writable (the tender still never writes there for a
 * hypercall, which checks the image's read-only ranges). */
static int unprotect(struct hvt *h)
{
    for (unsigned i = 0; i < h->nro; i++)
        if (mprotect(h->mem.host + h->ro[i].start,
                     h->ro[i].end - h->ro[i].start,
                     PROT_READ | PROT_WRITE) != 0) {
            warnx("gdb: mprotect: %s", strerror(errno));
            return -1;
        }
    return 0;
}

static int setup(struct tender *t)
{
    struct hvt *h = hvt_of(t);

    if (!g.wanted && g.port_given)
        warnx("--gdb-port needs --gdb");
    if (!g.wanted)
        return g.port_given ? -1 : 0;
    if (g.port_given && g.fd >= 0) {
        warnx("--gdb-port and --gdb=@FD exclude each other");
        return -1;
    }
    if (unprotect(h) != 0 || (g.fd < 0 && connect_gdb() != 0))
        return -1;
    gdb_rx_init(&g.rx);
    g.attached = true;
    hvt_debugger = &debugger;
    if (atexit(at_exit) != 0) {
        warnx("gdb: atexit failed");
        return -1;
    }
    return 0;
}

/* The socket's reads and writes, and the vCPU's register and debug calls. */
static void rules(struct tender *t, struct sandbox *sb)
{
    if (!g.wanted)
        return;
    sandbox_allow(sb, SYS_read, 1, 0u, SANDBOX_EQ, (uint64_t)g.fd);
    sandbox_allow(sb, SYS_write, 1, 0u, SANDBOX_EQ, (uint64_t)g.fd);
    hvt_vm_debug_sandbox(hvt_of(t), sb);
}

static const struct tender_module gdb_module = {
    .name = "gdb",
    .usage = "  [ --gdb ] (wait for gdb on 127.0.0.1 before the guest's first "
             "instruction)\n"
             "  [ --gdb-port=1234 ] (the TCP port --gdb listens on)\n"
             "  [ --gdb=@FD ] (serve gdb on the connected socket at "
             "descriptor FD)\n",
    .flags = gdb_flags,
    .handle_option = handle_option,
    .setup = setup,
    .rules = rules,
    .exit = gdb_exit,
};
TENDER_MODULE(gdb, gdb_module);
TENDER_MODULE_OPTIONS(gdb, "--gdb --gdb-port");
