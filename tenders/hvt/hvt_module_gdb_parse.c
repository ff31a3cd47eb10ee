/* gdb remote protocol, pure: a packet's payload parsed into a command. */
#include "hvt_module_gdb.h"

#include "common_module.h"

#include <string.h>

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
