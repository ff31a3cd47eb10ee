/* libFuzzer target: the hvt gdb stub's packet layer on any debugger bytes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hvt_module_gdb.h"

/*
 * Input: the bytes a debugger sends, fed one at a time to the receiver.
 * Every complete packet is parsed and checked: data a command points to
 * lies inside the packet; replies built from it stay in their buffer; and
 * a framed reply, fed back to a fresh receiver, comes out as the same
 * payload with a good checksum.
 */

static void fail(const char *why)
{
    fprintf(stderr, "fuzz_gdb_packet: %s\n", why);
    abort();
}

/* Framing and unframing are inverse. */
static void round_trip(const char *payload, size_t len)
{
    static char frame[GDB_FRAME_MAX];
    static struct gdb_rx rx;
    size_t n = gdb_frame(frame, payload, len);
    enum gdb_rx_event ev = GDB_RX_NONE;

    if (n > GDB_FRAME_MAX)
        fail("frame overflows");
    gdb_rx_init(&rx);
    for (size_t i = 0; i < n; i++) {
        if (ev != GDB_RX_NONE)
            fail("packet ended early");
        ev = gdb_rx_feed(&rx, (uint8_t)frame[i]);
    }
    if (ev != GDB_RX_PACKET || rx.len != len || memcmp(rx.buf, payload, len))
        fail("a framed reply does not come back as itself");
}

static void check_cmd(char *pkt, size_t len, const struct gdb_cmd *c)
{
    static struct gdb_reply r;

    if ((c->kind == GDB_CMD_WRITE_MEM || c->kind == GDB_CMD_WRITE_REG ||
         c->kind == GDB_CMD_WRITE_REGS) &&
        (c->data < (uint8_t *)pkt || c->data + c->len > (uint8_t *)pkt + len))
        fail("command data outside the packet");
    if (c->kind == GDB_CMD_CONST && c->reply == NULL)
        fail("constant reply missing");
    if (c->kind == GDB_CMD_XFER) {
        static const char doc[] = "<target>fuzz</target>";
        gdb_reply_xfer(&r, doc, sizeof doc - 1, c->addr, c->len);
        if (r.len == 0 || r.len > GDB_PKT_MAX ||
            (r.buf[0] != 'm' && r.buf[0] != 'l'))
            fail("bad qXfer reply");
    }
    if (c->kind == GDB_CMD_WRITE_MEM) {
        gdb_reply_hex(&r, c->data, c->len);
        if (r.len > GDB_PKT_MAX)
            fail("hex reply overflows");
    }
    round_trip(pkt, len);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct gdb_rx rx;
    static char copy[GDB_PKT_MAX + 1];
    struct gdb_cmd c;

    gdb_rx_init(&rx);
    for (size_t i = 0; i < size; i++) {
        size_t len;
        if (gdb_rx_feed(&rx, data[i]) != GDB_RX_PACKET)
            continue;
        if (rx.len > GDB_PKT_MAX || rx.buf[rx.len] != '\0')
            fail("received packet overflows");
        len = rx.len;
        memcpy(copy, rx.buf, len + 1);
        round_trip(copy, len);
        gdb_parse(rx.buf, len, &c);
        check_cmd(rx.buf, len, &c);
    }
    return 0;
}
