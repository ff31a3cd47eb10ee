/* Unit tests of the hvt gdb stub: packets, commands, replies, x86_64 regs. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "hvt.h"
#include "hvt_module_gdb.h"
#include "hvt_module_vcpu_x86_64.h"

static struct gdb_rx rx;

/* Feeds s; the event of its last byte. */
static enum gdb_rx_event feed(const char *s, size_t n)
{
    enum gdb_rx_event ev = GDB_RX_NONE;

    for (size_t i = 0; i < n; i++)
        ev = gdb_rx_feed(&rx, (uint8_t)s[i]);
    return ev;
}

#define FEED(s) feed(s, sizeof(s) - 1)

static void test_rx_good(void **state)
{
    (void)state;
    gdb_rx_init(&rx);
    assert_int_equal(FEED("$g#67"), GDB_RX_PACKET);
    assert_string_equal(rx.buf, "g");
    /* garbage between packets is skipped; '$' restarts a packet */
    assert_int_equal(FEED("xx$m1$?#3f"), GDB_RX_PACKET);
    assert_string_equal(rx.buf, "?");
    assert_int_equal(FEED("+"), GDB_RX_ACK);
    assert_int_equal(FEED("-"), GDB_RX_NACK);
    assert_int_equal(FEED("\x03"), GDB_RX_INTERRUPT);
}

static void test_rx_escape(void **state)
{
    char frame[GDB_FRAME_MAX];
    const char payload[] = "a$#}*b";
    size_t n = gdb_frame(frame, payload, 6);

    (void)state;
    /* each of $ # } * is sent as '}' and the byte XOR 0x20 */
    assert_int_equal(n, 1 + 10 + 3);
    assert_memory_equal(frame,
                        "$a}\x04}\x03}]}\x0a"
                        "b#",
                        12);
    gdb_rx_init(&rx);
    assert_int_equal(feed(frame, n), GDB_RX_PACKET);
    assert_int_equal(rx.len, 6);
    assert_memory_equal(rx.buf, payload, 6);
}

static void test_rx_bad(void **state)
{
    char big[GDB_PKT_MAX + 16];

    (void)state;
    gdb_rx_init(&rx);
    assert_int_equal(FEED("$g#68"), GDB_RX_BADSUM);
    assert_int_equal(FEED("$g#z"), GDB_RX_BADSUM);
    assert_int_equal(FEED("$g}#ea"), GDB_RX_BADSUM); /* dangling escape */
    /* too long: the whole packet is read, then refused */
    memset(big, 'A', sizeof big);
    big[0] = '$';
    assert_int_equal(feed(big, sizeof big), GDB_RX_NONE);
    unsigned sum = ((sizeof big - 1) * 'A') & 0xff;
    char tail[4];
    snprintf(tail, sizeof tail, "#%02x", sum);
    assert_int_equal(feed(tail, 3), GDB_RX_TOOLONG);
    /* and the next packet is fine */
    assert_int_equal(FEED("$g#67"), GDB_RX_PACKET);
}

static void test_hex(void **state)
{
    uint8_t b[4];
    char s[8];

    (void)state;
    assert_int_equal(gdb_hex_decode("00fFa5", 3, b), 0);
    assert_memory_equal(b, "\x00\xff\xa5", 3);
    assert_int_equal(gdb_hex_decode("0g", 1, b), -1);
    gdb_hex_encode((const uint8_t *)"\x12\xab", 2, s);
    assert_memory_equal(s, "12ab", 4);
}

/* Parses a copy of s. */
static struct gdb_cmd parse(const char *s)
{
    static char buf[GDB_PKT_MAX + 1];
    struct gdb_cmd c;
    size_t n = strlen(s);

    memcpy(buf, s, n + 1);
    gdb_parse(buf, n, &c);
    return c;
}

static void test_parse_mem(void **state)
{
    struct gdb_cmd c;

    (void)state;
    c = parse("m100000,40");
    assert_int_equal(c.kind, GDB_CMD_READ_MEM);
    assert_int_equal(c.addr, 0x100000);
    assert_int_equal(c.len, 0x40);
    c = parse("M10,2:abcd");
    assert_int_equal(c.kind, GDB_CMD_WRITE_MEM);
    assert_int_equal(c.len, 2);
    assert_memory_equal(c.data, "\xab\xcd", 2);
    assert_int_equal(parse("M10,3:abcd").kind, GDB_CMD_BAD);
    assert_int_equal(parse("M10,2:abc").kind, GDB_CMD_BAD);
    assert_int_equal(parse("M10,2:abzz").kind, GDB_CMD_BAD);
    c = parse("X10,3:a\0b");
    assert_int_equal(c.kind, GDB_CMD_BAD); /* strlen stops at the NUL */
    c = parse("X10,0:");
    assert_int_equal(c.kind, GDB_CMD_WRITE_MEM);
    assert_int_equal(c.len, 0);
    assert_int_equal(parse("m10").kind, GDB_CMD_BAD);
    assert_int_equal(parse("m,4").kind, GDB_CMD_BAD);
    assert_int_equal(parse("m10,4x").kind, GDB_CMD_BAD);
    assert_int_equal(parse("m11112222333344445,4").kind, GDB_CMD_BAD);
}

static void test_parse_regs(void **state)
{
    struct gdb_cmd c;

    (void)state;
    assert_int_equal(parse("g").kind, GDB_CMD_READ_REGS);
    assert_int_equal(parse("gx").kind, GDB_CMD_BAD);
    c = parse("G0102");
    assert_int_equal(c.kind, GDB_CMD_WRITE_REGS);
    assert_int_equal(c.len, 2);
    assert_int_equal(parse("G010").kind, GDB_CMD_BAD);
    c = parse("p1a");
    assert_int_equal(c.kind, GDB_CMD_READ_REG);
    assert_int_equal(c.reg, 0x1a);
    c = parse("P10=efbeadde00000000");
    assert_int_equal(c.kind, GDB_CMD_WRITE_REG);
    assert_int_equal(c.reg, 0x10);
    assert_int_equal(c.len, 8);
    assert_memory_equal(c.data, "\xef\xbe\xad\xde", 4);
    assert_int_equal(parse("P10").kind, GDB_CMD_BAD);
}

static void test_parse_resume(void **state)
{
    struct gdb_cmd c;

    (void)state;
    c = parse("c");
    assert_int_equal(c.kind, GDB_CMD_CONTINUE);
    assert_false(c.has_addr);
    c = parse("s100000");
    assert_int_equal(c.kind, GDB_CMD_STEP);
    assert_true(c.has_addr);
    assert_int_equal(c.addr, 0x100000);
    c = parse("C05;200");
    assert_int_equal(c.kind, GDB_CMD_CONTINUE);
    assert_int_equal(c.addr, 0x200);
    assert_int_equal(parse("S05").kind, GDB_CMD_STEP);
    assert_int_equal(parse("C").kind, GDB_CMD_BAD);
    assert_int_equal(parse("cz").kind, GDB_CMD_BAD);
    assert_int_equal(parse("vCont;s:1;c").kind, GDB_CMD_STEP);
    assert_int_equal(parse("vCont;c").kind, GDB_CMD_CONTINUE);
    assert_int_equal(parse("vCont;C05:p1.1").kind, GDB_CMD_CONTINUE);
    assert_int_equal(parse("vCont;t").kind, GDB_CMD_UNSUPPORTED);
    assert_int_equal(parse("vCont").kind, GDB_CMD_BAD);
    c = parse("vCont?");
    assert_int_equal(c.kind, GDB_CMD_CONST);
    assert_string_equal(c.reply, "vCont;c;C;s;S");
}

static void test_parse_points(void **state)
{
    struct gdb_cmd c;

    (void)state;
    c = parse("Z0,100123,1");
    assert_int_equal(c.kind, GDB_CMD_INSERT);
    assert_int_equal(c.type, GDB_BP_SW);
    assert_int_equal(c.addr, 0x100123);
    assert_int_equal(c.kind_arg, 1);
    c = parse("z2,2000,4");
    assert_int_equal(c.kind, GDB_CMD_REMOVE);
    assert_int_equal(c.type, GDB_WP_WRITE);
    assert_int_equal(parse("Z4,8,8;X1,0").kind, GDB_CMD_INSERT);
    assert_int_equal(parse("Z5,8,8").kind, GDB_CMD_UNSUPPORTED);
    assert_int_equal(parse("Z0,8").kind, GDB_CMD_BAD);
    assert_int_equal(parse("Z0,8,1x").kind, GDB_CMD_BAD);
}

static void test_parse_queries(void **state)
{
    struct gdb_cmd c;

    (void)state;
    c = parse("qSupported:multiprocess+;swbreak+");
    assert_int_equal(c.kind, GDB_CMD_CONST);
    assert_non_null(strstr(c.reply, "qXfer:features:read+"));
    assert_non_null(strstr(c.reply, "PacketSize=1000"));
    c = parse("qXfer:features:read:target.xml:10,ffb");
    assert_int_equal(c.kind, GDB_CMD_XFER);
    assert_int_equal(c.addr, 0x10);
    assert_int_equal(c.len, 0xffb);
    assert_int_equal(parse("qXfer:features:read:i386.xml:0,10").kind,
                     GDB_CMD_BAD);
    assert_int_equal(parse("qXfer:libraries:read::0,10").kind,
                     GDB_CMD_UNSUPPORTED);
    assert_string_equal(parse("qAttached:1").reply, "1");
    assert_string_equal(parse("qC").reply, "QC1");
    assert_string_equal(parse("qfThreadInfo").reply, "m1");
    assert_string_equal(parse("Hg0").reply, "OK");
    assert_int_equal(parse("?").kind, GDB_CMD_STATUS);
    c = parse("k");
    assert_int_equal(c.kind, GDB_CMD_KILL);
    assert_null(c.reply);
    c = parse("vKill;a410");
    assert_int_equal(c.kind, GDB_CMD_KILL);
    assert_string_equal(c.reply, "OK");
    assert_int_equal(parse("D").kind, GDB_CMD_DETACH);
    assert_int_equal(parse("D;1").kind, GDB_CMD_DETACH);
    assert_int_equal(parse("Dx").kind, GDB_CMD_BAD);
    assert_int_equal(parse("qTStatus").kind, GDB_CMD_UNSUPPORTED);
    assert_int_equal(parse("vMustReplyEmpty").kind, GDB_CMD_UNSUPPORTED);
    assert_int_equal(parse("").kind, GDB_CMD_UNSUPPORTED);
    assert_int_equal(parse("!").kind, GDB_CMD_UNSUPPORTED);
}

#define REPLY_IS(r, s)                                                         \
    do {                                                                       \
        assert_int_equal((r).len, strlen(s));                                  \
        assert_memory_equal((r).buf, s, (r).len);                              \
    } while (0)

static void test_replies(void **state)
{
    struct gdb_reply r;
    struct gdb_stop s = {GDB_STOP_SIGNAL, GDB_SIGTRAP, GDB_REASON_NONE, 0};
    static const char doc[] = "0123456789";

    (void)state;
    gdb_reply_stop(&r, &s);
    REPLY_IS(r, "T05thread:1;");
    s.reason = GDB_REASON_SWBREAK;
    gdb_reply_stop(&r, &s);
    REPLY_IS(r, "T05swbreak:;thread:1;");
    s.reason = GDB_REASON_WATCH;
    s.addr = 0x1234;
    gdb_reply_stop(&r, &s);
    REPLY_IS(r, "T05watch:1234;thread:1;");
    s = (struct gdb_stop){.kind = GDB_STOP_EXITED, .code = 0x107};
    gdb_reply_stop(&r, &s);
    REPLY_IS(r, "W07");
    gdb_reply_error(&r, 3);
    REPLY_IS(r, "E03");
    gdb_reply_xfer(&r, doc, 10, 0, 4);
    REPLY_IS(r, "m0123");
    gdb_reply_xfer(&r, doc, 10, 8, 4);
    REPLY_IS(r, "l89");
    gdb_reply_xfer(&r, doc, 10, 12, 4);
    REPLY_IS(r, "l");
    gdb_reply_xfer(&r, doc, 10, ~0ULL, ~0ULL);
    REPLY_IS(r, "l");
}

/* ---- x86_64 registers -----------------------------------------------------
 */

static void test_x86_layout(void **state)
{
    struct hvt_cpu_state s = {0};
    uint8_t out[16];
    size_t size;
    const char *xml = gdb_arch_target_xml(&size);
    static const char *const names[] = {
        "rax", "rbp", "rsp", "r12",   "r15",   "rip",     "eflags",
        "gs",  "st7", "fop", "xmm15", "mxcsr", "fs_base", "gs_base"};
    static const unsigned nums[] = {0,  6,  7,  12, 15, 16, 17,
                                    23, 31, 39, 55, 56, 57, 58};

    (void)state;
    assert_int_equal(strlen(xml), size);
    assert_non_null(strstr(xml, "<architecture>i386:x86-64</architecture>"));
    assert_non_null(strstr(xml, "org.gnu.gdb.i386.core"));
    assert_non_null(strstr(xml, "org.gnu.gdb.i386.sse"));
    for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        char want[64];
        snprintf(want, sizeof want, "<reg name=\"%s\" ", names[i]);
        assert_non_null(strstr(xml, want));
        snprintf(want, sizeof want, "regnum=\"%u\"", nums[i]);
        assert_non_null(strstr(strstr(xml, names[i]), want));
    }
    assert_int_equal(gdb_arch_get(&s, 59, out), 0);
    s.gpr[6] = 0x6666;
    s.gpr[7] = 0x7777;
    s.gpr[12] = 0x1212121212121212ULL;
    assert_int_equal(gdb_arch_get(&s, 6, out), 8);
    assert_memory_equal(out, "\x66\x66\0\0\0\0\0\0", 8);
    assert_int_equal(gdb_arch_get(&s, 12, out), 8);
    assert_memory_equal(out, "\x12\x12\x12\x12\x12\x12\x12\x12", 8);
    assert_int_equal(gdb_arch_get(&s, 24, out), 10); /* st0 */
    assert_int_equal(gdb_arch_get(&s, 40, out), 16); /* xmm0 */
    assert_int_equal(gdb_arch_get(&s, 57, out), 8);  /* fs_base */
}

static void test_x86_set(void **state)
{
    struct hvt_cpu_state s = {0};
    uint8_t v8[8] = {1, 2, 3, 4, 5, 6, 7, 8}, out[16];
    uint32_t v;

    (void)state;
    assert_int_equal(gdb_arch_set(&s, 16, v8, 8), 0);
    assert_int_equal(s.rip, 0x0807060504030201ULL);
    assert_int_equal(gdb_arch_set(&s, 16, v8, 4), -1); /* wrong size */
    assert_int_equal(gdb_arch_set(&s, 99, v8, 8), -1);
    v = 0x100; /* TF; bit 1 stays set */
    assert_int_equal(gdb_arch_set(&s, 17, (uint8_t *)&v, 4), 0);
    assert_int_equal(s.rflags, 0x102);
    s.seg[0] = 0x8;
    v = 0x10; /* selectors cannot change */
    assert_int_equal(gdb_arch_set(&s, 18, (uint8_t *)&v, 4), -1);
    v = 0x8;
    assert_int_equal(gdb_arch_set(&s, 18, (uint8_t *)&v, 4), 0);
    v = 0x10000; /* a reserved MXCSR bit */
    assert_int_equal(gdb_arch_set(&s, 56, (uint8_t *)&v, 4), -1);
    /* fioff and fiseg are the halves of the last instruction pointer */
    v = 0xdeadbeef;
    assert_int_equal(gdb_arch_set(&s, 36, (uint8_t *)&v, 4), 0);
    v = 0x1234;
    assert_int_equal(gdb_arch_set(&s, 35, (uint8_t *)&v, 4), 0);
    assert_int_equal(s.fip, 0x00001234deadbeefULL);
    /* the full tag word: empty (3) unless in use; st0 = 1.0 is valid */
    s.ftw = 0;
    gdb_arch_get(&s, 34, out);
    memcpy(&v, out, 4);
    assert_int_equal(v, 0xffff);
    memcpy(s.st[0], "\0\0\0\0\0\0\0\x80\xff\x3f", 10);
    s.fsw = 7 << 11; /* top 7: st0 is physical register 7 */
    s.ftw = 0x80;
    gdb_arch_get(&s, 34, out);
    memcpy(&v, out, 4);
    assert_int_equal(v, 0x3fff);
    v = 0x0fff; /* physical 6 and 7 in use */
    assert_int_equal(gdb_arch_set(&s, 34, (uint8_t *)&v, 4), 0);
    assert_int_equal(s.ftw, 0xc0);
}

static void test_x86_debug_regs(void **state)
{
    uint64_t ctl = 0;

    (void)state;
    assert_int_equal(gdb_arch_hw_slot(0, GDB_BP_HW, 0x1001, 1, &ctl), 0);
    assert_int_equal(ctl, 0x1);
    ctl = 0;
    assert_int_equal(gdb_arch_hw_slot(1, GDB_WP_WRITE, 0x2000, 4, &ctl), 0);
    assert_int_equal(ctl, 0x4 | 1ULL << 20 | 3ULL << 22);
    ctl = 0;
    assert_int_equal(gdb_arch_hw_slot(3, GDB_WP_ACCESS, 0x2000, 8, &ctl), 0);
    assert_int_equal(ctl, 0x40 | 3ULL << 28 | 2ULL << 30);
    assert_int_equal(gdb_arch_hw_slot(0, GDB_WP_WRITE, 0x2001, 4, &ctl), -1);
    assert_int_equal(gdb_arch_hw_slot(0, GDB_WP_WRITE, 0x2000, 3, &ctl), -1);
    assert_int_equal(gdb_arch_hw_slot(4, GDB_WP_WRITE, 0x2000, 4, &ctl), -1);
    assert_int_equal(gdb_arch_hw_slot(0, GDB_BP_SW, 0x2000, 1, &ctl), -1);
    assert_int_equal(gdb_arch_break_insn, 0xf4);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rx_good),
        cmocka_unit_test(test_rx_escape),
        cmocka_unit_test(test_rx_bad),
        cmocka_unit_test(test_hex),
        cmocka_unit_test(test_parse_mem),
        cmocka_unit_test(test_parse_regs),
        cmocka_unit_test(test_parse_resume),
        cmocka_unit_test(test_parse_points),
        cmocka_unit_test(test_parse_queries),
        cmocka_unit_test(test_replies),
        cmocka_unit_test(test_x86_layout),
        cmocka_unit_test(test_x86_set),
        cmocka_unit_test(test_x86_debug_regs),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
