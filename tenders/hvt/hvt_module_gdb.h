/* solo5-hvt gdb stub internals: packets, register layout, stub state. */
#ifndef KILN_HVT_MODULE_GDB_H
#define KILN_HVT_MODULE_GDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Largest packet payload accepted or sent (advertised as PacketSize). */
#define GDB_PKT_MAX 4096
/* Largest framed reply: '$', every payload byte escaped, '#', checksum. */
#define GDB_FRAME_MAX (2 * GDB_PKT_MAX + 4)
/* Signal numbers gdb's remote protocol uses. */
#define GDB_SIGTRAP 5
#define GDB_SIGKILL 9

/* ---- framing (hvt_module_gdb_packet.c): pure, no I/O, no KVM ---- */

/* What one byte from the debugger completed. */
enum gdb_rx_event {
    GDB_RX_NONE,      /* nothing yet */
    GDB_RX_PACKET,    /* a packet with a good checksum: rx->buf, rx->len */
    GDB_RX_BADSUM,    /* a packet with a bad checksum or digits: send '-' */
    GDB_RX_TOOLONG,   /* a packet over GDB_PKT_MAX bytes: '+', then an error */
    GDB_RX_INTERRUPT, /* ^C between packets */
    GDB_RX_ACK,       /* '+' between packets */
    GDB_RX_NACK,      /* '-' between packets: resend the last reply */
};

/* A packet being received; buf holds the unescaped payload. */
struct gdb_rx {
    int state;
    uint8_t sum, want;
    bool escaped, overflow;
    size_t len;
    char buf[GDB_PKT_MAX + 1]; /* NUL after the payload, for parsing */
};

/* Starts rx between packets. */
void gdb_rx_init(struct gdb_rx *rx);

/* Takes byte c; says what it completed. Any byte sequence is accepted:
 * garbage between packets is skipped, a '$' inside a packet restarts it. */
enum gdb_rx_event gdb_rx_feed(struct gdb_rx *rx, uint8_t c);

/* Frames payload (len bytes, any values) as "$...#cs" with '$', '#', '}'
 * and '*' escaped, into out (GDB_FRAME_MAX bytes): the framed length. */
size_t gdb_frame(char *out, const char *payload, size_t len);

/* ---- hex (hvt_module_gdb_packet.c) ---- */

/* Decodes 2 * n hex digits of s into out: 0, or -1 on a bad digit. */
int gdb_hex_decode(const char *s, size_t n, uint8_t *out);

/* Encodes n bytes as 2 * n lowercase hex digits (no NUL). */
void gdb_hex_encode(const uint8_t *in, size_t n, char *out);

/* ---- commands (hvt_module_gdb_parse.c) ---- */

enum gdb_cmd_kind {
    GDB_CMD_UNSUPPORTED, /* answer with an empty reply */
    GDB_CMD_BAD,         /* malformed: answer "E01" */
    GDB_CMD_CONST,       /* answer cmd.reply, nothing to do */
    GDB_CMD_STATUS,      /* '?': the last stop */
    GDB_CMD_READ_REGS,   /* 'g' */
    GDB_CMD_WRITE_REGS,  /* 'G': data, len bytes */
    GDB_CMD_READ_REG,    /* 'p': reg */
    GDB_CMD_WRITE_REG,   /* 'P': reg, data, len */
    GDB_CMD_READ_MEM,    /* 'm': addr, len */
    GDB_CMD_WRITE_MEM,   /* 'M', 'X': addr, data, len */
    GDB_CMD_CONTINUE,    /* 'c', 'C', vCont c/C: addr if has_addr */
    GDB_CMD_STEP,        /* 's', 'S', vCont s/S: addr if has_addr */
    GDB_CMD_INSERT,      /* 'Z': type, addr, kind */
    GDB_CMD_REMOVE,      /* 'z': type, addr, kind */
    GDB_CMD_XFER,        /* qXfer:features:read:target.xml: addr, len */
    GDB_CMD_KILL,        /* 'k'; vKill, answered with reply first */
    GDB_CMD_DETACH,      /* 'D' */
};

/* Breakpoint and watchpoint types of Z/z. */
enum gdb_bp_type {
    GDB_BP_SW = 0,
    GDB_BP_HW = 1,
    GDB_WP_WRITE = 2,
    GDB_WP_READ = 3,
    GDB_WP_ACCESS = 4,
};

/* One parsed command; data points into the packet (binary for 'X'). */
struct gdb_cmd {
    enum gdb_cmd_kind kind;
    const char *reply; /* GDB_CMD_CONST, and vKill's answer */
    uint64_t addr, len;
    unsigned reg;
    enum gdb_bp_type type;
    uint64_t kind_arg; /* Z/z "kind": breakpoint or watched length */
    bool has_addr;
    const uint8_t *data; /* len bytes, already decoded from hex */
};

/*
 * Parses payload (len bytes, NUL after it) into cmd; hex data of 'G', 'P'
 * and 'M' is decoded in place into payload. Never fails: malformed input
 * is GDB_CMD_BAD, unknown commands GDB_CMD_UNSUPPORTED.
 */
void gdb_parse(char *payload, size_t len, struct gdb_cmd *cmd);

/* ---- replies (hvt_module_gdb_packet.c) ---- */

/* A reply payload being built (never longer than GDB_PKT_MAX). */
struct gdb_reply {
    size_t len;
    char buf[GDB_PKT_MAX];
};

/* Why the guest stopped, as a stop reply says it. */
enum gdb_stop_kind {
    GDB_STOP_SIGNAL, /* T<sig>, with a reason below */
    GDB_STOP_EXITED, /* W<status> */
    GDB_STOP_KILLED, /* X<sig> */
};
enum gdb_stop_reason {
    GDB_REASON_NONE,
    GDB_REASON_SWBREAK,
    GDB_REASON_HWBREAK,
    GDB_REASON_WATCH,
    GDB_REASON_RWATCH,
    GDB_REASON_AWATCH,
};
struct gdb_stop {
    enum gdb_stop_kind kind;
    unsigned code; /* signal or exit status (low 8 bits) */
    enum gdb_stop_reason reason;
    uint64_t addr; /* the watched address of a watchpoint stop */
};

/* r = s (truncated to GDB_PKT_MAX). */
void gdb_reply_str(struct gdb_reply *r, const char *s);

/* r = "Enn". */
void gdb_reply_error(struct gdb_reply *r, unsigned code);

/* r = n bytes as hex; n at most GDB_PKT_MAX / 2. */
void gdb_reply_hex(struct gdb_reply *r, const void *data, size_t n);

/* r = the stop reply for s. */
void gdb_reply_stop(struct gdb_reply *r, const struct gdb_stop *s);

/* r = qXfer's answer for [off, off + len) of doc (size bytes): 'm' and data
 * if more follows, 'l' and data if it reaches the end. */
void gdb_reply_xfer(struct gdb_reply *r, const char *doc, size_t size,
                    uint64_t off, uint64_t len);

/* ---- registers (hvt_module_gdb_regs_<arch>.c: the table, pure; the stub's
 * copy of the vCPU in hvt_module_gdb_<arch>.c) ---- */

struct hvt;
struct hvt_cpu_state; /* hvt_module_vcpu_<arch>.h */

/* The target description gdb reads with qXfer (size bytes). */
const char *gdb_arch_target_xml(size_t *size);

/* Reads the vCPU's registers into the stub's copy (at each stop). */
void gdb_arch_fetch(struct hvt *h);

/* Writes the stub's copy back to the vCPU if gdb changed it. */
void gdb_arch_flush(struct hvt *h);

/* The whole register file in gdb's order into out (GDB_PKT_MAX / 2 bytes
 * of room): its size. */
size_t gdb_arch_read_all(uint8_t *out);

/* Sets the whole register file from len bytes: 0, or -1 if len is not its
 * size or a value cannot be set. */
int gdb_arch_write_all(const uint8_t *in, size_t len);

/* Register reg into out (16 bytes of room): its size, or 0 if none. */
size_t gdb_arch_read_reg(unsigned reg, uint8_t *out);

/* Sets register reg from len bytes: 0, or -1 if there is no such register,
 * len is not its size or the value cannot be set. */
int gdb_arch_write_reg(unsigned reg, const uint8_t *in, size_t len);

/* The whole register file of s in gdb's order into out (as
 * gdb_arch_read_all, pure): its size. */
size_t gdb_arch_get_all(const struct hvt_cpu_state *s, uint8_t *out);

/* Sets the whole register file of s from len bytes: 0, or -1 as
 * gdb_arch_write_all (s may be partly set then). */
int gdb_arch_set_all(struct hvt_cpu_state *s, const uint8_t *in, size_t len);

/* Register reg of s into out (16 bytes of room): its size, or 0 if there is
 * no such register (pure: the two above work on the stub's copy). */
size_t gdb_arch_get(const struct hvt_cpu_state *s, unsigned reg, uint8_t *out);

/* Sets register reg of s from len bytes: 0, or -1 as gdb_arch_write_reg. */
int gdb_arch_set(struct hvt_cpu_state *s, unsigned reg, const uint8_t *in,
                 size_t len);

/* The guest-physical address of the guest's virtual address va, under the
 * stub's copy of the page-table root: 0, or -1 if it is not mapped. */
int gdb_arch_translate(const struct hvt *h, uint64_t va, uint64_t *gpa);

/* The program counter of the stub's copy, and setting it. */
uint64_t gdb_arch_pc(void);
void gdb_arch_set_pc(uint64_t pc);

/* The one-byte instruction a software breakpoint plants: it always exits
 * to the tender (x86_64: hlt, which leaves the program counter after it). */
extern const uint8_t gdb_arch_break_insn;

/*
 * Debug-register encoding for a hardware breakpoint or watchpoint of type
 * and len bytes at addr in slot i (0..3): ORed into *ctl; -1 if the
 * hardware cannot watch that (length not 1, 2, 4 or 8, or misaligned).
 */
int gdb_arch_hw_slot(unsigned i, enum gdb_bp_type type, uint64_t addr,
                     uint64_t len, uint64_t *ctl);

/* ---- the stub (hvt_module_gdb*.c) ---- */

#define GDB_SW_MAX 64 /* software breakpoints */
#define GDB_HW_MAX 4  /* debug registers */

/* Error replies: malformed packet, packet too long, memory outside the
 * guest or unmapped, no such breakpoint or no room, register refused. */
enum {
    GDB_E_BAD = 1,
    GDB_E_LONG = 2,
    GDB_E_MEM = 3,
    GDB_E_POINT = 4,
    GDB_E_REG = 5
};

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

/* The stub's state, one per tender (hvt_module_gdb.c). */
struct gdb_stub {
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
    struct sw_bp sw[GDB_SW_MAX];
    struct hw_bp hw[GDB_HW_MAX];
    struct gdb_stop last;
    bool stepping;      /* gdb asked for one instruction */
    bool stepping_over; /* ...or the stub steps over a planted breakpoint */
    uint64_t over;      /* at this address */
};
extern struct gdb_stub gdb_stub;

struct hvt_debugger;

/* The hooks the core calls at each debug stop (hvt_module_gdb_serve.c). */
extern const struct hvt_debugger gdb_debugger;

/* Sends gdb_stub.reply, framed, and keeps it for a resend on '-'; a closed
 * connection ends the tender (hvt_module_gdb_serve.c). */
void gdb_send_reply(void);

/* The software breakpoint planted at addr, or NULL (hvt_module_gdb_points.c,
 * as all below). */
struct sw_bp *gdb_sw_find(uint64_t addr);

/* Replies with len bytes (at most GDB_PKT_MAX / 2) of guest memory at va as
 * the guest wrote them (not the planted breakpoints), or an error. */
void gdb_read_mem(const struct hvt *h, uint64_t va, uint64_t len);

/* Writes len bytes at va (under a breakpoint: the byte it restores), and
 * replies OK, or an error with nothing written. */
void gdb_write_mem(const struct hvt *h, uint64_t va, const uint8_t *data,
                   uint64_t len);

/* Inserts or removes the breakpoint or watchpoint of c (Z/z); replies. */
void gdb_point(const struct hvt *h, const struct gdb_cmd *c);

/* Lets the guest go on (one instruction if step), stepping over a
 * breakpoint planted at the program counter first. */
void gdb_resume(struct hvt *h, bool step);

/* Removes every breakpoint and lets the guest run without gdb. */
void gdb_detach(struct hvt *h);

/* At a debug trap with status: true if it was a step the stub took itself
 * and the guest just goes on; else s says why it stopped. */
bool gdb_own_step(struct hvt *h, uint64_t status, struct gdb_stop *s);

#endif /* KILN_HVT_MODULE_GDB_H */
