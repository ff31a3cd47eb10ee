/* gdb stub, x86_64: the stub's copy of the vCPU, page walks, debug regs. */
#include "hvt.h"
#include "hvt_cpu_x86_64.h"
#include "hvt_module_gdb.h"
#include "hvt_module_vcpu_x86_64.h"

/* ---- the stub's copy of the vCPU ------------------------------------------
 */

static struct hvt_cpu_state cur;
static bool dirty;

void gdb_arch_fetch(struct hvt *h)
{
    hvt_vcpu_state_get(h, &cur);
    dirty = false;
}

void gdb_arch_flush(struct hvt *h)
{
    if (dirty)
        hvt_vcpu_state_set(h, &cur);
    dirty = false;
}

size_t gdb_arch_read_all(uint8_t *out)
{
    return gdb_arch_get_all(&cur, out);
}

int gdb_arch_write_all(const uint8_t *in, size_t len)
{
    struct hvt_cpu_state s = cur;

    if (gdb_arch_set_all(&s, in, len) != 0)
        return -1;
    cur = s;
    dirty = true;
    return 0;
}

size_t gdb_arch_read_reg(unsigned reg, uint8_t *out)
{
    return gdb_arch_get(&cur, reg, out);
}

int gdb_arch_write_reg(unsigned reg, const uint8_t *in, size_t len)
{
    if (gdb_arch_set(&cur, reg, in, len) != 0)
        return -1;
    dirty = true;
    return 0;
}

uint64_t gdb_arch_pc(void)
{
    return cur.rip;
}

void gdb_arch_set_pc(uint64_t pc)
{
    cur.rip = pc;
    dirty = true;
}

int gdb_arch_translate(const struct hvt *h, uint64_t va, uint64_t *gpa)
{
    return hvt_x86_translate(&h->mem, cur.cr3, va, gpa);
}

/* ---- debug registers ------------------------------------------------------
 */

int gdb_arch_hw_slot(unsigned i, enum gdb_bp_type type, uint64_t addr,
                     uint64_t len, uint64_t *ctl)
{
    /* DR7: enable bit L<i>, then 2 bits R/W and 2 bits LEN per slot. */
    static const uint64_t rw[] = {[GDB_BP_HW] = 0,
                                  [GDB_WP_WRITE] = 1,
                                  [GDB_WP_READ] = 3,
                                  [GDB_WP_ACCESS] = 3};
    uint64_t lenbits;

    if (i > 3 || type == GDB_BP_SW || type > GDB_WP_ACCESS)
        return -1;
    if (type == GDB_BP_HW)
        len = 1;
    switch (len) {
    case 1:
        lenbits = 0;
        break;
    case 2:
        lenbits = 1;
        break;
    case 4:
        lenbits = 3;
        break;
    case 8:
        lenbits = 2;
        break;
    default:
        return -1;
    }
    if (addr % len != 0)
        return -1;
    *ctl |=
        1ULL << (2 * i) | rw[type] << (16 + 4 * i) | lenbits << (18 + 4 * i);
    return 0;
}
