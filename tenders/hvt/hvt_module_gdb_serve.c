/* gdb stub: the session: packets in and out, commands, stop replies. */
#include "hvt.h"
#include "hvt_module_gdb.h"

#include <errno.h>
#include <unistd.h>

/* ---- the connection -------------------------------------------------------
 */

__attribute__((noreturn)) static void gone(void)
{
    gdb_stub.attached = false;
    hvt_die("gdb: the debugger closed the connection");
}

static void send_raw(const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(gdb_stub.fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            gone();
        p += w;
        n -= (size_t)w;
    }
}

/* Sends gdb_stub.reply, framed; kept for a resend on '-'. */
void gdb_send_reply(void)
{
    gdb_stub.frame_len =
        gdb_frame(gdb_stub.frame, gdb_stub.reply.buf, gdb_stub.reply.len);
    send_raw(gdb_stub.frame, gdb_stub.frame_len);
}

static uint8_t read_byte(void)
{
    while (gdb_stub.in_pos == gdb_stub.in_len) {
        ssize_t n = read(gdb_stub.fd, gdb_stub.in, sizeof gdb_stub.in);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            gone();
        gdb_stub.in_pos = 0;
        gdb_stub.in_len = (size_t)n;
    }
    return gdb_stub.in[gdb_stub.in_pos++];
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
        gdb_reply_hex(&gdb_stub.reply, buf, n);
        return;
    case GDB_CMD_READ_REG:
        n = gdb_arch_read_reg(c->reg, buf);
        if (n == 0)
            gdb_reply_error(&gdb_stub.reply, GDB_E_REG);
        else
            gdb_reply_hex(&gdb_stub.reply, buf, n);
        return;
    case GDB_CMD_WRITE_REGS:
        if (gdb_arch_write_all(c->data, c->len) != 0)
            gdb_reply_error(&gdb_stub.reply, GDB_E_REG);
        else
            gdb_reply_str(&gdb_stub.reply, "OK");
        return;
    default:
        if (gdb_arch_write_reg(c->reg, c->data, c->len) != 0)
            gdb_reply_error(&gdb_stub.reply, GDB_E_REG);
        else
            gdb_reply_str(&gdb_stub.reply, "OK");
    }
}

/* Runs one command; true if it resumes the guest (no reply yet). */
static bool command(struct hvt *h, char *pkt, size_t len)
{
    struct gdb_cmd c;
    size_t xml_size;
    const char *xml;

    gdb_parse(pkt, len, &c);
    gdb_stub.reply.len = 0;
    switch (c.kind) {
    case GDB_CMD_UNSUPPORTED:
        break;
    case GDB_CMD_BAD:
        gdb_reply_error(&gdb_stub.reply, GDB_E_BAD);
        break;
    case GDB_CMD_CONST:
        gdb_reply_str(&gdb_stub.reply, c.reply);
        break;
    case GDB_CMD_STATUS:
        gdb_reply_stop(&gdb_stub.reply, &gdb_stub.last);
        break;
    case GDB_CMD_READ_REGS:
    case GDB_CMD_READ_REG:
    case GDB_CMD_WRITE_REGS:
    case GDB_CMD_WRITE_REG:
        regs_cmd(&c);
        break;
    case GDB_CMD_READ_MEM:
        gdb_read_mem(h, c.addr, c.len);
        break;
    case GDB_CMD_WRITE_MEM:
        gdb_write_mem(h, c.addr, c.data, c.len);
        break;
    case GDB_CMD_CONTINUE:
    case GDB_CMD_STEP:
        if (c.has_addr)
            gdb_arch_set_pc(c.addr);
        gdb_resume(h, c.kind == GDB_CMD_STEP);
        return true;
    case GDB_CMD_INSERT:
    case GDB_CMD_REMOVE:
        gdb_point(h, &c);
        break;
    case GDB_CMD_XFER:
        xml = gdb_arch_target_xml(&xml_size);
        gdb_reply_xfer(&gdb_stub.reply, xml, xml_size, c.addr, c.len);
        break;
    case GDB_CMD_KILL:
        if (c.reply != NULL) {
            gdb_reply_str(&gdb_stub.reply, c.reply);
            gdb_send_reply();
        }
        gdb_stub.attached = false;
        hvt_die("gdb: the debugger killed the guest");
    case GDB_CMD_DETACH:
        gdb_reply_str(&gdb_stub.reply, "OK");
        gdb_send_reply();
        gdb_detach(h);
        return true;
    }
    gdb_send_reply();
    return false;
}

/* Serves gdb until it resumes the guest. */
static void serve(struct hvt *h)
{
    for (;;) {
        switch (gdb_rx_feed(&gdb_stub.rx, read_byte())) {
        case GDB_RX_PACKET:
            send_raw("+", 1);
            if (command(h, gdb_stub.rx.buf, gdb_stub.rx.len))
                return;
            break;
        case GDB_RX_BADSUM:
            send_raw("-", 1);
            break;
        case GDB_RX_TOOLONG:
            send_raw("+", 1);
            gdb_reply_error(&gdb_stub.reply, GDB_E_LONG);
            gdb_send_reply();
            break;
        case GDB_RX_NACK:
            if (gdb_stub.frame_len > 0)
                send_raw(gdb_stub.frame, gdb_stub.frame_len);
            break;
        default: /* acks, and ^C: the guest is stopped already */
            break;
        }
    }
}

static bool stop(struct hvt *h, enum hvt_debug_event ev, uint64_t status)
{
    struct gdb_stop s = {GDB_STOP_SIGNAL, GDB_SIGTRAP, GDB_REASON_NONE, 0};

    if (!gdb_stub.attached)
        return false;
    if (ev == HVT_DEBUG_TRAP && gdb_own_step(h, status, &s))
        return true;
    gdb_arch_fetch(h);
    if (ev == HVT_DEBUG_HLT) {
        uint64_t at = gdb_arch_pc() - 1;
        if (gdb_sw_find(at) == NULL)
            return false;
        gdb_arch_set_pc(at);
        s.reason = GDB_REASON_SWBREAK;
    }
    gdb_stub.last = s;
    if (ev != HVT_DEBUG_START) {
        gdb_reply_stop(&gdb_stub.reply, &s);
        gdb_send_reply();
    }
    serve(h);
    return true;
}

const struct hvt_debugger gdb_debugger = {.stop = stop};
