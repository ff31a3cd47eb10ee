/* gdb remote protocol, pure: framing, checksums, hex, commands, replies. */
#include "hvt_gdb.h"

#include "common.h"

#include <stdio.h>
#include <string.h>

enum { RX_IDLE, RX_DATA, RX_SUM1, RX_SUM2 };

static const char hex_digits[] = "0123456789abcdef";

void gdb_rx_init(struct gdb_rx *rx)
{
    rx->state = RX_IDLE;
    rx->len = 0;
    rx->buf[0] = '\0';
}

static void rx_start(struct gdb_rx *rx)
{
    rx->state = RX_DATA;
    rx->len = 0;
    rx->sum = 0;
    rx->escaped = false;
    rx->overflow = false;
}

static enum gdb_rx_event rx_idle(struct gdb_rx *rx, uint8_t c)
{
    switch (c) {
    case '$':
        rx_start(rx);
        return GDB_RX_NONE;
    case '+':
        return GDB_RX_ACK;
    case '-':
        return GDB_RX_NACK;
    case 0x03:
        return GDB_RX_INTERRUPT;
    default:
        return GDB_RX_NONE;
    }
}

/* A payload byte: summed as sent, stored unescaped, or dropped if full. */
static void rx_data(struct gdb_rx *rx, uint8_t c)
{
    rx->sum = (uint8_t)(rx->sum + c);
    if (!rx->escaped && c == '}') {
        rx->escaped = true;
        return;
    }
    if (rx->escaped)
        c ^= 0x20;
    rx->escaped = false;
    if (rx->len < GDB_PKT_MAX)
        rx->buf[rx->len++] = (char)c;
    else
        rx->overflow = true;
}

/* The second checksum digit ends the packet. */
static enum gdb_rx_event rx_end(struct gdb_rx *rx, int digit)
{
    rx->state = RX_IDLE;
    if (digit < 0 || (uint8_t)(rx->want | digit) != rx->sum || rx->escaped) {
        rx->len = 0;
        rx->buf[0] = '\0';
        return GDB_RX_BADSUM;
    }
    if (rx->overflow) {
        rx->len = 0;
        rx->buf[0] = '\0';
        return GDB_RX_TOOLONG;
    }
    rx->buf[rx->len] = '\0';
    return GDB_RX_PACKET;
}

enum gdb_rx_event gdb_rx_feed(struct gdb_rx *rx, uint8_t c)
{
    int d;

    switch (rx->state) {
    case RX_DATA:
        if (c == '$')
            rx_start(rx);
        else if (c == '#')
            rx->state = RX_SUM1;
        else
            rx_data(rx, c);
        return GDB_RX_NONE;
    case RX_SUM1:
        d = opt_hex_digit(c);
        if (d < 0)
            return rx_end(rx, -1);
        rx->want = (uint8_t)(d << 4);
        rx->state = RX_SUM2;
        return GDB_RX_NONE;
    case RX_SUM2:
        return rx_end(rx, opt_hex_digit(c));
    default:
        return rx_idle(rx, c);
    }
}

size_t gdb_frame(char *out, const char *payload, size_t len)
{
    size_t n = 0;
    uint8_t sum = 0;

    out[n++] = '$';
    if (len > GDB_PKT_MAX)
        len = GDB_PKT_MAX;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = (uint8_t)payload[i];
        if (c == '$' || c == '#' || c == '}' || c == '*') {
            out[n++] = '}';
            sum = (uint8_t)(sum + '}');
            c ^= 0x20;
        }
        out[n++] = (char)c;
        sum = (uint8_t)(sum + c);
    }
    out[n++] = '#';
    out[n++] = hex_digits[sum >> 4];
    out[n++] = hex_digits[sum & 0xf];
    return n;
}

int gdb_hex_decode(const char *s, size_t n, uint8_t *out)
{
    for (size_t i = 0; i < n; i++) {
        int hi = opt_hex_digit((uint8_t)s[2 * i]);
        int lo = opt_hex_digit((uint8_t)s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return 0;
}

void gdb_hex_encode(const uint8_t *in, size_t n, char *out)
{
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hex_digits[in[i] >> 4];
        out[2 * i + 1] = hex_digits[in[i] & 0xf];
    }
}

/* ---- command parsing ------------------------------------------------------
 */

/* A cursor over one packet's payload. */
struct cur {
    char *p, *end;
};

/* 1 to 16 hex digits into *v. */
static bool cur_hex(struct cur *c, uint64_t *v)
{
    unsigned n = 0;
    int d;

    *v = 0;
    while (c->p < c->end && (d = opt_hex_digit((uint8_t)*c->p)) >= 0) {
        if (++n > 16)
            return false;
        *v = *v << 4 | (uint64_t)d;
        c->p++;
    }
    return n > 0;
}

static bool cur_eat(struct cur *c, char ch)
{
    if (c->p < c->end && *c->p == ch) {
        c->p++;
        return true;
    }
    return false;
}

static bool cur_done(const struct cur *c)
{
    return c->p == c->end;
}

static bool cur_prefix(struct cur *c, const char *s)
{
    size_t n = strlen(s);

    if ((size_t)(c->end - c->p) < n || memcmp(c->p, s, n) != 0)
        return false;
    c->p += n;
    return true;
}

static void bad(struct gdb_cmd *cmd)
{
    cmd->kind = GDB_CMD_BAD;
}

static void constant(struct gdb_cmd *cmd, const char *reply)
{
    cmd->kind = GDB_CMD_CONST;
    cmd->reply = reply;
}

/* The rest of the packet is hex: decoded in place, as cmd's data. */
static void hex_rest(struct cur *c, struct gdb_cmd *cmd, enum gdb_cmd_kind k)
{
    size_t n = (size_t)(c->end - c->p);

    if (n % 2 != 0 || gdb_hex_decode(c->p, n / 2, (uint8_t *)c->p) != 0) {
        bad(cmd);
        return;
    }
    cmd->kind = k;
    cmd->data = (const uint8_t *)c->p;
    cmd->len = n / 2;
}

/* "ADDR,LEN" */
static bool addr_len(struct cur *c, struct gdb_cmd *cmd)
{
    return cur_hex(c, &cmd->addr) && cur_eat(c, ',') && cur_hex(c, &cmd->len);
}

static void parse_mem(struct cur *c, char op, struct gdb_cmd *cmd)
{
    uint64_t want;

    if (!addr_len(c, cmd)) {
        bad(cmd);
        return;
    }
    if (op == 'm') {
        cmd->kind = cur_done(c) ? GDB_CMD_READ_MEM : GDB_CMD_BAD;
        return;
    }
    want = cmd->len;
    if (!cur_eat(c, ':')) {
        bad(cmd);
        return;
    }
    if (op == 'X') {
        if ((uint64_t)(c->end - c->p) != want) {
            bad(cmd);
            return;
        }
        cmd->kind = GDB_CMD_WRITE_MEM;
        cmd->data = (const uint8_t *)c->p;
        return;
    }
    hex_rest(c, cmd, GDB_CMD_WRITE_MEM);
    if (cmd->kind == GDB_CMD_WRITE_MEM && cmd->len != want)
        bad(cmd);
}

/* 'c' / 's' [ADDR], 'C' / 'S' SIG [;ADDR]. */
static void parse_resume(struct cur *c, char op, struct gdb_cmd *cmd)
{
    uint64_t sig;

    cmd->kind = (op == 'c' || op == 'C') ? GDB_CMD_CONTINUE : GDB_CMD_STEP;
    if ((op == 'C' || op == 'S') &&
        (!cur_hex(c, &sig) || (!cur_done(c) && !cur_eat(c, ';')))) {
        bad(cmd);
        return;
    }
    if (cur_done(c))
        return;
    cmd->has_addr = cur_hex(c, &cmd->addr);
    if (!cmd->has_addr || !cur_done(c))
        bad(cmd);
}

/* vCont;ACTION[:THREAD]...: one thread, so the first action is ours. */
static void parse_vcont(struct cur *c, struct gdb_cmd *cmd)
{
    uint64_t sig;
    char op;

    if (cur_eat(c, '?')) {
        if (cur_done(c))
            constant(cmd, "vCont;c;C;s;S");
        else
            bad(cmd);
        return;
    }
    if (!cur_eat(c, ';') || cur_done(c)) {
        bad(cmd);
        return;
    }
    op = *c->p++;
    if (op != 'c' && op != 'C' && op != 's' && op != 'S') {
        cmd->kind = GDB_CMD_UNSUPPORTED;
        return;
    }
    if ((op == 'C' || op == 'S') && !cur_hex(c, &sig)) {
        bad(cmd);
        return;
    }
    if (!cur_done(c) && *c->p != ':' && *c->p != ';') {
        bad(cmd);
        return;
    }
    cmd->kind = (op == 'c' || op == 'C') ? GDB_CMD_CONTINUE : GDB_CMD_STEP;
}

/* Z/z TYPE,ADDR,KIND[;...]: conditions (never asked for) are ignored. */
static void parse_point(struct cur *c, char op, struct gdb_cmd *cmd)
{
    uint64_t type;

    if (!cur_hex(c, &type) || !cur_eat(c, ',') || !cur_hex(c, &cmd->addr) ||
        !cur_eat(c, ',') || !cur_hex(c, &cmd->kind_arg) ||
        (!cur_done(c) && *c->p != ';')) {
        bad(cmd);
        return;
    }
    if (type > GDB_WP_ACCESS) {
        cmd->kind = GDB_CMD_UNSUPPORTED;
        return;
    }
    cmd->type = (enum gdb_bp_type)type;
    cmd->kind = op == 'Z' ? GDB_CMD_INSERT : GDB_CMD_REMOVE;
}

static void parse_reg(struct cur *c, char op, struct gdb_cmd *cmd)
{
    uint64_t reg;

    if (!cur_hex(c, &reg) || reg > 0xffff) {
        bad(cmd);
        return;
    }
    cmd->reg = (unsigned)reg;
    if (op == 'p') {
        cmd->kind = cur_done(c) ? GDB_CMD_READ_REG : GDB_CMD_BAD;
        return;
    }
    if (!cur_eat(c, '=')) {
        bad(cmd);
        return;
    }
    hex_rest(c, cmd, GDB_CMD_WRITE_REG);
}

/* qXfer:features:read:target.xml:OFF,LEN; other objects are unsupported,
 * other annexes an error. */
static void parse_xfer(struct cur *c, struct gdb_cmd *cmd)
{
    if (!cur_prefix(c, "features:read:")) {
        cmd->kind = GDB_CMD_UNSUPPORTED;
        return;
    }
    if (!cur_prefix(c, "target.xml:") || !addr_len(c, cmd) || !cur_done(c)) {
        bad(cmd);
        return;
    }
    cmd->kind = GDB_CMD_XFER;
}

static void parse_query(struct cur *c, struct gdb_cmd *cmd)
{
    if (cur_prefix(c, "Supported"))
        constant(cmd, "PacketSize=1000;qXfer:features:read+;swbreak+;"
                      "hwbreak+;vContSupported+");
    else if (cur_prefix(c, "Xfer:"))
        parse_xfer(c, cmd);
    else if (cur_prefix(c, "Attached"))
        constant(cmd, "1");
    else if (cur_prefix(c, "fThreadInfo"))
        constant(cmd, "m1");
    else if (cur_prefix(c, "sThreadInfo"))
        constant(cmd, "l");
    else if (cur_prefix(c, "C") && cur_done(c))
        constant(cmd, "QC1");
}

static void parse_v(struct cur *c, struct gdb_cmd *cmd)
{
    if (cur_prefix(c, "Cont"))
        parse_vcont(c, cmd);
    else if (cur_prefix(c, "Kill")) {
        cmd->kind = GDB_CMD_KILL;
        cmd->reply = "OK"; /* unlike 'k', vKill is answered */
    }
}

/* Commands that are their letter alone. */
static void parse_single(struct cur *c, char op, struct gdb_cmd *cmd)
{
    static const struct {
        char op;
        enum gdb_cmd_kind kind;
    } singles[] = {
        {'?', GDB_CMD_STATUS},
        {'g', GDB_CMD_READ_REGS},
        {'k', GDB_CMD_KILL},
    };

    for (size_t i = 0; i < sizeof singles / sizeof singles[0]; i++)
        if (singles[i].op == op)
            cmd->kind = cur_done(c) ? singles[i].kind : GDB_CMD_BAD;
}

void gdb_parse(char *payload, size_t len, struct gdb_cmd *cmd)
{
    struct cur c = {payload, payload + len};
    char op;

    *cmd = (struct gdb_cmd){.kind = GDB_CMD_UNSUPPORTED};
    if (len == 0)
        return;
    op = *c.p++;
    switch (op) {
    case 'G':
        hex_rest(&c, cmd, GDB_CMD_WRITE_REGS);
        return;
    case 'p':
    case 'P':
        parse_reg(&c, op, cmd);
        return;
    case 'm':
    case 'M':
    case 'X':
        parse_mem(&c, op, cmd);
        return;
    case 'c':
    case 'C':
    case 's':
    case 'S':
        parse_resume(&c, op, cmd);
        return;
    case 'Z':
    case 'z':
        parse_point(&c, op, cmd);
        return;
    case 'D':
        cmd->kind =
            (cur_done(&c) || *c.p == ';') ? GDB_CMD_DETACH : GDB_CMD_BAD;
        return;
    case 'H':
    case 'T':
        constant(cmd, "OK");
        return;
    case 'q':
        parse_query(&c, cmd);
        return;
    case 'v':
        parse_v(&c, cmd);
        return;
    default:
        parse_single(&c, op, cmd);
    }
}

/* ---- replies --------------------------------------------------------------
 */

void gdb_reply_str(struct gdb_reply *r, const char *s)
{
    size_t n = strlen(s);

    r->len = n < GDB_PKT_MAX ? n : GDB_PKT_MAX;
    memcpy(r->buf, s, r->len);
}

void gdb_reply_error(struct gdb_reply *r, unsigned code)
{
    char s[8];

    snprintf(s, sizeof s, "E%02x", code & 0xff);
    gdb_reply_str(r, s);
}

void gdb_reply_hex(struct gdb_reply *r, const void *data, size_t n)
{
    if (n > GDB_PKT_MAX / 2)
        n = GDB_PKT_MAX / 2;
    gdb_hex_encode(data, n, r->buf);
    r->len = 2 * n;
}

void gdb_reply_stop(struct gdb_reply *r, const struct gdb_stop *st)
{
    static const char *const reasons[] = {
        [GDB_REASON_NONE] = "",
        [GDB_REASON_SWBREAK] = "swbreak:",
        [GDB_REASON_HWBREAK] = "hwbreak:",
        [GDB_REASON_WATCH] = "watch:",
        [GDB_REASON_RWATCH] = "rwatch:",
        [GDB_REASON_AWATCH] = "awatch:",
    };
    char s[96], addr[24] = "";
    unsigned code = st->code & 0xff;

    if (st->kind == GDB_STOP_EXITED || st->kind == GDB_STOP_KILLED) {
        snprintf(s, sizeof s, "%c%02x", st->kind == GDB_STOP_EXITED ? 'W' : 'X',
                 code);
        gdb_reply_str(r, s);
        return;
    }
    if (st->reason >= GDB_REASON_WATCH)
        snprintf(addr, sizeof addr, "%llx", (unsigned long long)st->addr);
    snprintf(s, sizeof s, "T%02x%s%s%sthread:1;", code, reasons[st->reason],
             addr, st->reason != GDB_REASON_NONE ? ";" : "");
    gdb_reply_str(r, s);
}

void gdb_reply_xfer(struct gdb_reply *r, const char *doc, size_t size,
                    uint64_t off, uint64_t len)
{
    uint64_t n = 0;

    if (off < size)
        n = size - off;
    if (n > len)
        n = len;
    if (n > GDB_PKT_MAX - 1)
        n = GDB_PKT_MAX - 1;
    r->buf[0] = off + n < size ? 'm' : 'l';
    if (n > 0)
        memcpy(r->buf + 1, doc + off, n);
    r->len = 1 + n;
}
