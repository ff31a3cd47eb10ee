/* gdb remote protocol, pure: framing, checksums, hex, replies. */
#include "hvt_module_gdb.h"

#include "common_module.h"

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
