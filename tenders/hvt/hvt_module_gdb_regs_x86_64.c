/* gdb stub, x86_64: the register table, its target XML, marshalling. */
#include "hvt.h"
#include "hvt_module_gdb.h"
#include "hvt_module_vcpu_x86_64.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* Where a gdb register lives in struct hvt_cpu_state. */
enum loc {
    L_GPR,
    L_RIP,
    L_FLAGS,
    L_SEG,
    L_ST,
    L_FCTRL,
    L_FSTAT,
    L_FTAG,
    L_FISEG,
    L_FIOFF,
    L_FOSEG,
    L_FOOFF,
    L_FOP,
    L_XMM,
    L_MXCSR,
    L_FS_BASE,
    L_GS_BASE,
};

enum feature { F_CORE, F_SSE, F_SEGMENTS, F_COUNT };

/* One register: gdb's name, bytes, XML type, feature, where it lives. */
struct reg {
    const char *name;
    unsigned size;
    const char *type;
    enum feature feature;
    enum loc loc;
    unsigned idx;
};

#define GPR(n, i, t)                                                           \
    {                                                                          \
        n, 8, t, F_CORE, L_GPR, i                                              \
    }
#define SEG(n, i)                                                              \
    {                                                                          \
        n, 4, "int32", F_CORE, L_SEG, i                                        \
    }
#define ST(i)                                                                  \
    {                                                                          \
        "st" #i, 10, "i387_ext", F_CORE, L_ST, i                               \
    }
#define FPC(n, l)                                                              \
    {                                                                          \
        n, 4, "int", F_CORE, l, 0                                              \
    }
#define XMM(i)                                                                 \
    {                                                                          \
        "xmm" #i, 16, "vec128", F_SSE, L_XMM, i                                \
    }

/* The one table: gdb's register numbers are its indexes, the 'g' packet
 * is its registers in order, and the target XML is generated from it. */
static const struct reg regs[] = {
    GPR("rax", 0, "int64"),
    GPR("rbx", 1, "int64"),
    GPR("rcx", 2, "int64"),
    GPR("rdx", 3, "int64"),
    GPR("rsi", 4, "int64"),
    GPR("rdi", 5, "int64"),
    GPR("rbp", 6, "data_ptr"),
    GPR("rsp", 7, "data_ptr"),
    GPR("r8", 8, "int64"),
    GPR("r9", 9, "int64"),
    GPR("r10", 10, "int64"),
    GPR("r11", 11, "int64"),
    GPR("r12", 12, "int64"),
    GPR("r13", 13, "int64"),
    GPR("r14", 14, "int64"),
    GPR("r15", 15, "int64"),
    {"rip", 8, "code_ptr", F_CORE, L_RIP, 0},
    {"eflags", 4, "i386_eflags", F_CORE, L_FLAGS, 0},
    SEG("cs", 0),
    SEG("ss", 1),
    SEG("ds", 2),
    SEG("es", 3),
    SEG("fs", 4),
    SEG("gs", 5),
    ST(0),
    ST(1),
    ST(2),
    ST(3),
    ST(4),
    ST(5),
    ST(6),
    ST(7),
    FPC("fctrl", L_FCTRL),
    FPC("fstat", L_FSTAT),
    FPC("ftag", L_FTAG),
    FPC("fiseg", L_FISEG),
    FPC("fioff", L_FIOFF),
    FPC("foseg", L_FOSEG),
    FPC("fooff", L_FOOFF),
    FPC("fop", L_FOP),
    XMM(0),
    XMM(1),
    XMM(2),
    XMM(3),
    XMM(4),
    XMM(5),
    XMM(6),
    XMM(7),
    XMM(8),
    XMM(9),
    XMM(10),
    XMM(11),
    XMM(12),
    XMM(13),
    XMM(14),
    XMM(15),
    {"mxcsr", 4, "i386_mxcsr", F_SSE, L_MXCSR, 0},
    {"fs_base", 8, "int", F_SEGMENTS, L_FS_BASE, 0},
    {"gs_base", 8, "int", F_SEGMENTS, L_GS_BASE, 0},
};
#define NREGS (sizeof regs / sizeof regs[0])

/* Each feature's name and the types its registers use. */
static const struct {
    const char *name, *types;
} features[F_COUNT] = {
    [F_CORE] = {"org.gnu.gdb.i386.core",
                "<flags id=\"i386_eflags\" size=\"4\">"
                "<field name=\"CF\" start=\"0\" end=\"0\"/>"
                "<field name=\"PF\" start=\"2\" end=\"2\"/>"
                "<field name=\"AF\" start=\"4\" end=\"4\"/>"
                "<field name=\"ZF\" start=\"6\" end=\"6\"/>"
                "<field name=\"SF\" start=\"7\" end=\"7\"/>"
                "<field name=\"TF\" start=\"8\" end=\"8\"/>"
                "<field name=\"IF\" start=\"9\" end=\"9\"/>"
                "<field name=\"DF\" start=\"10\" end=\"10\"/>"
                "<field name=\"OF\" start=\"11\" end=\"11\"/>"
                "</flags>"},
    [F_SSE] = {"org.gnu.gdb.i386.sse",
               "<vector id=\"v8bf16\" type=\"bfloat16\" count=\"8\"/>"
               "<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>"
               "<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>"
               "<vector id=\"v16i8\" type=\"int8\" count=\"16\"/>"
               "<vector id=\"v8i16\" type=\"int16\" count=\"8\"/>"
               "<vector id=\"v4i32\" type=\"int32\" count=\"4\"/>"
               "<vector id=\"v2i64\" type=\"int64\" count=\"2\"/>"
               "<union id=\"vec128\">"
               "<field name=\"v8_bfloat16\" type=\"v8bf16\"/>"
               "<field name=\"v4_float\" type=\"v4f\"/>"
               "<field name=\"v2_double\" type=\"v2d\"/>"
               "<field name=\"v16_int8\" type=\"v16i8\"/>"
               "<field name=\"v8_int16\" type=\"v8i16\"/>"
               "<field name=\"v4_int32\" type=\"v4i32\"/>"
               "<field name=\"v2_int64\" type=\"v2i64\"/>"
               "<field name=\"uint128\" type=\"uint128\"/>"
               "</union>"
               "<flags id=\"i386_mxcsr\" size=\"4\">"
               "<field name=\"IE\" start=\"0\" end=\"0\"/>"
               "<field name=\"DE\" start=\"1\" end=\"1\"/>"
               "<field name=\"ZE\" start=\"2\" end=\"2\"/>"
               "<field name=\"OE\" start=\"3\" end=\"3\"/>"
               "<field name=\"UE\" start=\"4\" end=\"4\"/>"
               "<field name=\"PE\" start=\"5\" end=\"5\"/>"
               "<field name=\"DAZ\" start=\"6\" end=\"6\"/>"
               "<field name=\"IM\" start=\"7\" end=\"7\"/>"
               "<field name=\"DM\" start=\"8\" end=\"8\"/>"
               "<field name=\"ZM\" start=\"9\" end=\"9\"/>"
               "<field name=\"OM\" start=\"10\" end=\"10\"/>"
               "<field name=\"UM\" start=\"11\" end=\"11\"/>"
               "<field name=\"PM\" start=\"12\" end=\"12\"/>"
               "<field name=\"FZ\" start=\"15\" end=\"15\"/>"
               "</flags>"},
    [F_SEGMENTS] = {"org.gnu.gdb.i386.segments", ""},
};

const uint8_t gdb_arch_break_insn = 0xf4; /* hlt */

/* ---- the target description, generated from the table --------------------
 */

static char xml[8192];
static size_t xml_len;

static void xml_add(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void xml_add(const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(xml + xml_len, sizeof xml - xml_len, fmt, ap);
    va_end(ap);
    if (n > 0 && (size_t)n < sizeof xml - xml_len)
        xml_len += (size_t)n;
}

static const char *group_of(const struct reg *r)
{
    if (r->loc == L_XMM || r->loc == L_MXCSR)
        return " group=\"vector\"";
    if (r->loc >= L_ST && r->loc <= L_FOP)
        return " group=\"float\"";
    return "";
}

const char *gdb_arch_target_xml(size_t *size)
{
    if (xml_len == 0) {
        xml_add("<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM "
                "\"gdb-target.dtd\"><target>"
                "<architecture>i386:x86-64</architecture>");
        for (unsigned f = 0; f < F_COUNT; f++) {
            xml_add("<feature name=\"%s\">%s", features[f].name,
                    features[f].types);
            for (unsigned i = 0; i < NREGS; i++)
                if (regs[i].feature == f)
                    xml_add("<reg name=\"%s\" bitsize=\"%u\" type=\"%s\" "
                            "regnum=\"%u\"%s/>",
                            regs[i].name, regs[i].size * 8, regs[i].type, i,
                            group_of(&regs[i]));
            xml_add("</feature>");
        }
        xml_add("</target>");
    }
    *size = xml_len;
    return xml;
}

/* ---- marshalling: pure, on a struct hvt_cpu_state -------------------------
 */

/* The x87 tag of an 80-bit value: 0 valid, 1 zero, 2 special. */
static unsigned x87_tag(const uint8_t v[10])
{
    unsigned exp = ((unsigned)v[9] << 8 | v[8]) & 0x7fff;
    uint64_t mant;

    memcpy(&mant, v, sizeof mant);
    if (exp == 0x7fff)
        return 2;
    if (exp == 0)
        return mant == 0 ? 1 : 2;
    return (mant >> 63) ? 0 : 2;
}

/* The full tag word from the abridged one: physical register p is st((p -
 * top) mod 8), empty (3) unless its abridged bit is set. */
static uint32_t full_tag(const struct hvt_cpu_state *s)
{
    unsigned top = (s->fsw >> 11) & 7;
    uint32_t tag = 0;

    for (unsigned p = 0; p < 8; p++) {
        unsigned t = 3;
        if (s->ftw & (1u << p))
            t = x87_tag(s->st[(p - top) & 7]);
        tag |= (uint32_t)t << (2 * p);
    }
    return tag;
}

static uint8_t abridged_tag(uint32_t tag)
{
    uint8_t ftw = 0;

    for (unsigned p = 0; p < 8; p++)
        if (((tag >> (2 * p)) & 3) != 3)
            ftw |= (uint8_t)(1u << p);
    return ftw;
}

/* The 32-bit value of a register stored in 4 bytes. */
static uint32_t get32(const struct hvt_cpu_state *s, const struct reg *r)
{
    switch (r->loc) {
    case L_FLAGS:
        return (uint32_t)s->rflags;
    case L_SEG:
        return s->seg[r->idx];
    case L_FCTRL:
        return s->fcw;
    case L_FSTAT:
        return s->fsw;
    case L_FTAG:
        return full_tag(s);
    case L_FISEG:
        return (uint32_t)(s->fip >> 32);
    case L_FIOFF:
        return (uint32_t)s->fip;
    case L_FOSEG:
        return (uint32_t)(s->fdp >> 32);
    case L_FOOFF:
        return (uint32_t)s->fdp;
    case L_FOP:
        return s->fop;
    default:
        return s->mxcsr;
    }
}

static uint64_t *u64_of(struct hvt_cpu_state *s, const struct reg *r)
{
    switch (r->loc) {
    case L_GPR:
        return &s->gpr[r->idx];
    case L_RIP:
        return &s->rip;
    case L_FS_BASE:
        return &s->fs_base;
    default:
        return &s->gs_base;
    }
}

size_t gdb_arch_get(const struct hvt_cpu_state *s, unsigned reg, uint8_t *out)
{
    const struct reg *r;
    uint32_t v;

    if (reg >= NREGS)
        return 0;
    r = &regs[reg];
    if (r->loc == L_ST)
        memcpy(out, s->st[r->idx], 10);
    else if (r->loc == L_XMM)
        memcpy(out, s->xmm[r->idx], 16);
    else if (r->size == 8)
        memcpy(out, u64_of((struct hvt_cpu_state *)s, r), 8);
    else {
        v = get32(s, r);
        memcpy(out, &v, 4);
    }
    return r->size;
}

static uint64_t with_low32(uint64_t old, uint32_t v)
{
    return (old & ~0xffffffffULL) | v;
}

static uint64_t with_high32(uint64_t old, uint32_t v)
{
    return (old & 0xffffffffULL) | (uint64_t)v << 32;
}

/* Sets a 4-byte register: -1 for what cannot change (selectors) or values
 * the CPU refuses (reserved MXCSR bits). */
static int set32(struct hvt_cpu_state *s, const struct reg *r, uint32_t v)
{
    switch (r->loc) {
    case L_FLAGS:
        s->rflags = with_low32(s->rflags, v | 2);
        return 0;
    case L_SEG:
        return v == s->seg[r->idx] ? 0 : -1;
    case L_FCTRL:
        s->fcw = (uint16_t)v;
        return 0;
    case L_FSTAT:
        s->fsw = (uint16_t)v;
        return 0;
    case L_FTAG:
        s->ftw = abridged_tag(v);
        return 0;
    case L_FISEG:
        s->fip = with_high32(s->fip, v);
        return 0;
    case L_FIOFF:
        s->fip = with_low32(s->fip, v);
        return 0;
    case L_FOSEG:
        s->fdp = with_high32(s->fdp, v);
        return 0;
    case L_FOOFF:
        s->fdp = with_low32(s->fdp, v);
        return 0;
    case L_FOP:
        s->fop = (uint16_t)(v & 0x7ff);
        return 0;
    default:
        if (v > 0xffff)
            return -1;
        s->mxcsr = v;
        return 0;
    }
}

int gdb_arch_set(struct hvt_cpu_state *s, unsigned reg, const uint8_t *in,
                 size_t len)
{
    const struct reg *r;
    uint32_t v;

    if (reg >= NREGS || len != regs[reg].size)
        return -1;
    r = &regs[reg];
    if (r->loc == L_ST)
        memcpy(s->st[r->idx], in, 10);
    else if (r->loc == L_XMM)
        memcpy(s->xmm[r->idx], in, 16);
    else if (r->size == 8)
        memcpy(u64_of(s, r), in, 8);
    else {
        memcpy(&v, in, 4);
        return set32(s, r, v);
    }
    return 0;
}

size_t gdb_arch_get_all(const struct hvt_cpu_state *s, uint8_t *out)
{
    size_t n = 0;

    for (unsigned i = 0; i < NREGS; i++)
        n += gdb_arch_get(s, i, out + n);
    return n;
}

int gdb_arch_set_all(struct hvt_cpu_state *s, const uint8_t *in, size_t len)
{
    size_t n = 0;

    for (unsigned i = 0; i < NREGS; i++) {
        if (n + regs[i].size > len ||
            gdb_arch_set(s, i, in + n, regs[i].size) != 0)
            return -1;
        n += regs[i].size;
    }
    return n == len ? 0 : -1;
}
