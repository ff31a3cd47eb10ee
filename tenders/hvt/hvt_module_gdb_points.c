/* gdb stub: guest memory through the page tables, breakpoints, watchpoints. */
#include "hvt.h"
#include "hvt_module_gdb.h"
#include "hvt_module_vcpu.h"

#include <string.h>

#define PAGE 4096ULL

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

struct sw_bp *gdb_sw_find(uint64_t addr)
{
    for (unsigned i = 0; i < GDB_SW_MAX; i++)
        if (gdb_stub.sw[i].used && gdb_stub.sw[i].addr == addr)
            return &gdb_stub.sw[i];
    return NULL;
}

/* gdb sees the guest's bytes, not the planted ones; a write under a
 * breakpoint changes the byte it restores. */
void gdb_read_mem(const struct hvt *h, uint64_t va, uint64_t len)
{
    uint8_t buf[GDB_PKT_MAX / 2];

    if (len > sizeof buf)
        len = sizeof buf;
    if (mem_copy(h, va, buf, len, false) != 0) {
        gdb_reply_error(&gdb_stub.reply, GDB_E_MEM);
        return;
    }
    for (unsigned i = 0; i < GDB_SW_MAX; i++)
        if (gdb_stub.sw[i].used && gdb_stub.sw[i].addr - va < len)
            buf[gdb_stub.sw[i].addr - va] = gdb_stub.sw[i].saved;
    gdb_reply_hex(&gdb_stub.reply, buf, len);
}

void gdb_write_mem(const struct hvt *h, uint64_t va, const uint8_t *data,
                   uint64_t len)
{
    uint8_t buf[GDB_PKT_MAX];

    memcpy(buf, data, len);
    for (unsigned i = 0; i < GDB_SW_MAX; i++)
        if (gdb_stub.sw[i].used && gdb_stub.sw[i].addr - va < len) {
            gdb_stub.sw[i].saved = buf[gdb_stub.sw[i].addr - va];
            buf[gdb_stub.sw[i].addr - va] = gdb_arch_break_insn;
        }
    if (mem_copy(h, va, buf, len, true) != 0)
        gdb_reply_error(&gdb_stub.reply, GDB_E_MEM);
    else
        gdb_reply_str(&gdb_stub.reply, "OK");
}

/* ---- breakpoints and watchpoints ------------------------------------------
 */

static int sw_insert(const struct hvt *h, uint64_t addr)
{
    uint8_t *p = guest_bytes(h, addr, 1);

    if (p == NULL)
        return GDB_E_MEM;
    if (gdb_sw_find(addr) != NULL)
        return 0;
    for (unsigned i = 0; i < GDB_SW_MAX; i++)
        if (!gdb_stub.sw[i].used) {
            gdb_stub.sw[i] = (struct sw_bp){addr, *p, true};
            *p = gdb_arch_break_insn;
            return 0;
        }
    return GDB_E_POINT;
}

static void sw_restore(const struct hvt *h, const struct sw_bp *b)
{
    uint8_t *p = guest_bytes(h, b->addr, 1);

    if (p != NULL)
        *p = b->saved;
}

static int sw_remove(const struct hvt *h, uint64_t addr)
{
    struct sw_bp *b = gdb_sw_find(addr);

    if (b == NULL)
        return GDB_E_POINT;
    sw_restore(h, b);
    b->used = false;
    return 0;
}

static int hw_insert(const struct gdb_cmd *c)
{
    uint64_t ctl = 0;

    if (gdb_arch_hw_slot(0, c->type, c->addr, c->kind_arg, &ctl) != 0)
        return GDB_E_POINT;
    for (unsigned i = 0; i < GDB_HW_MAX; i++)
        if (!gdb_stub.hw[i].used) {
            gdb_stub.hw[i] = (struct hw_bp){.addr = c->addr,
                                            .len = c->kind_arg,
                                            .type = c->type,
                                            .used = true};
            return 0;
        }
    return GDB_E_POINT;
}

static int hw_remove(const struct gdb_cmd *c)
{
    for (unsigned i = 0; i < GDB_HW_MAX; i++)
        if (gdb_stub.hw[i].used && gdb_stub.hw[i].addr == c->addr &&
            gdb_stub.hw[i].type == c->type &&
            gdb_stub.hw[i].len == c->kind_arg) {
            gdb_stub.hw[i].used = false;
            return 0;
        }
    return GDB_E_POINT;
}

void gdb_point(const struct hvt *h, const struct gdb_cmd *c)
{
    int rc;

    if (c->type == GDB_BP_SW && c->kind_arg != 1)
        rc = GDB_E_POINT;
    else if (c->type == GDB_BP_SW)
        rc = c->kind == GDB_CMD_INSERT ? sw_insert(h, c->addr)
                                       : sw_remove(h, c->addr);
    else
        rc = c->kind == GDB_CMD_INSERT ? hw_insert(c) : hw_remove(c);
    if (rc != 0)
        gdb_reply_error(&gdb_stub.reply, (unsigned)rc);
    else
        gdb_reply_str(&gdb_stub.reply, "OK");
}

static bool watching(void)
{
    for (unsigned i = 0; i < GDB_HW_MAX; i++)
        if (gdb_stub.hw[i].used && gdb_stub.hw[i].type == GDB_WP_WRITE)
            return true;
    return false;
}

/* Records the bytes under each write watchpoint. */
static void watch_snapshot(const struct hvt *h)
{
    for (unsigned i = 0; i < GDB_HW_MAX; i++)
        if (gdb_stub.hw[i].used && gdb_stub.hw[i].type == GDB_WP_WRITE &&
            mem_copy(h, gdb_stub.hw[i].addr, gdb_stub.hw[i].old,
                     gdb_stub.hw[i].len, false) != 0)
            memset(gdb_stub.hw[i].old, 0, sizeof gdb_stub.hw[i].old);
}

/* The first write watchpoint whose bytes changed, into s. */
static void watch_hit(const struct hvt *h, struct gdb_stop *s)
{
    uint8_t now[8];

    for (unsigned i = 0; i < GDB_HW_MAX; i++)
        if (gdb_stub.hw[i].used && gdb_stub.hw[i].type == GDB_WP_WRITE &&
            mem_copy(h, gdb_stub.hw[i].addr, now, gdb_stub.hw[i].len, false) ==
                0 &&
            memcmp(now, gdb_stub.hw[i].old, gdb_stub.hw[i].len) != 0) {
            memcpy(gdb_stub.hw[i].old, now, gdb_stub.hw[i].len);
            s->reason = GDB_REASON_WATCH;
            s->addr = gdb_stub.hw[i].addr;
            return;
        }
}

/* Loads the debug registers, and the step flag, for the next run. */
static void arm(struct hvt *h, bool step)
{
    uint64_t addr[GDB_HW_MAX] = {0}, ctl = 0;

    for (unsigned i = 0; i < GDB_HW_MAX; i++)
        if (gdb_stub.hw[i].used) {
            addr[i] = gdb_stub.hw[i].addr;
            (void)gdb_arch_hw_slot(i, gdb_stub.hw[i].type, gdb_stub.hw[i].addr,
                                   gdb_stub.hw[i].len, &ctl);
        }
    hvt_vcpu_debug(h, step, addr, ctl);
}

/* ---- resuming -------------------------------------------------------------
 */

/* The guest goes on: a planted breakpoint at the program counter is
 * stepped over first (restored, one step, planted again). */
void gdb_resume(struct hvt *h, bool step)
{
    struct sw_bp *b = gdb_sw_find(gdb_arch_pc());

    gdb_stub.stepping = step;
    gdb_stub.stepping_over = b != NULL;
    if (b != NULL) {
        gdb_stub.over = b->addr;
        sw_restore(h, b);
    }
    watch_snapshot(h);
    gdb_arch_flush(h);
    arm(h, step || b != NULL || watching());
}

/* Removes every breakpoint and lets the guest run without gdb. */
void gdb_detach(struct hvt *h)
{
    for (unsigned i = 0; i < GDB_SW_MAX; i++)
        if (gdb_stub.sw[i].used) {
            sw_restore(h, &gdb_stub.sw[i]);
            gdb_stub.sw[i].used = false;
        }
    memset(gdb_stub.hw, 0, sizeof gdb_stub.hw);
    gdb_stub.attached = false;
    gdb_arch_flush(h);
    arm(h, false);
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

    for (unsigned i = 0; i < GDB_HW_MAX; i++)
        if ((status & (1u << i)) && gdb_stub.hw[i].used) {
            s->reason = reasons[gdb_stub.hw[i].type];
            s->addr = gdb_stub.hw[i].addr;
            return;
        }
}

/* Puts the breakpoint stepped over back. */
static void replant(const struct hvt *h)
{
    uint8_t *p;

    gdb_stub.stepping_over = false;
    if (gdb_sw_find(gdb_stub.over) != NULL &&
        (p = guest_bytes(h, gdb_stub.over, 1)) != NULL)
        *p = gdb_arch_break_insn;
}

/*
 * A stop the stub asked for itself: the step over a planted breakpoint, or
 * one of the steps that watch memory (debug registers do not fire under
 * some hypervisors, QEMU's TCG among them, so a write watchpoint is also
 * checked by comparing its bytes after each instruction). True if the
 * guest just goes on; else s says why it stopped.
 */
bool gdb_own_step(struct hvt *h, uint64_t status, struct gdb_stop *s)
{
    if (gdb_stub.stepping_over)
        replant(h);
    trap_reason(status, s);
    if (s->reason == GDB_REASON_NONE)
        watch_hit(h, s);
    if (s->reason != GDB_REASON_NONE || gdb_stub.stepping)
        return false;
    arm(h, watching());
    return true;
}
