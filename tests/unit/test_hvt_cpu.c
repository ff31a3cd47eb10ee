/* Unit tests of the hvt x86_64 CPU: boot state, page walk, OUT check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "hvt.h"
#include "hvt_cpu_x86_64.h"

/* A zeroed buffer standing in for guest memory of size bytes. */
static struct guest_mem mem_of(uint64_t size)
{
    uint8_t *p = calloc(1, size);

    assert_non_null(p);
    return (struct guest_mem){.host = p, .base = 0, .size = size};
}

static uint64_t u64_at(const struct guest_mem *m, uint64_t gpa)
{
    uint64_t v;

    memcpy(&v, m->host + gpa, sizeof v);
    return v;
}

/* The descriptors spec 4.9 gives as numbers. */
static void test_gdt(void **state)
{
    struct guest_mem m = mem_of(4 * MIB);

    (void)state;
    assert_int_equal(hvt_cpu_setup_memory(&m, m.size), 0);
    assert_int_equal(u64_at(&m, HVT_GDT_BASE), 0);
    assert_int_equal(u64_at(&m, HVT_GDT_BASE + 8), 0x00AF99000000FFFFULL);
    assert_int_equal(u64_at(&m, HVT_GDT_BASE + 16), 0x00CF93000000FFFFULL);
    free(m.host);
}

static uint64_t pd_entry(const struct guest_mem *m, uint64_t i)
{
    return u64_at(m, HVT_PD_BASE + 8 * i);
}

static void test_page_tables(void **state)
{
    struct guest_mem m = mem_of(6 * MIB);

    (void)state;
    assert_int_equal(hvt_cpu_setup_memory(&m, m.size), 0);
    assert_int_equal(u64_at(&m, HVT_PML4_BASE), 0x3003);
    assert_int_equal(u64_at(&m, HVT_PML4_BASE + 8), 0);
    for (uint64_t i = 0; i < 4; i++)
        assert_int_equal(u64_at(&m, HVT_PDPT_BASE + 8 * i),
                         0x4003 + 0x1000 * i);
    assert_int_equal(u64_at(&m, HVT_PDPT_BASE + 32), 0);
    assert_int_equal(pd_entry(&m, 0), 0x8003);
    assert_int_equal(pd_entry(&m, 1), 0x200083);
    assert_int_equal(pd_entry(&m, 2), 0x400083);
    /* Nothing past the allocation is mapped. */
    assert_int_equal(pd_entry(&m, 3), 0);
    assert_int_equal(pd_entry(&m, 2047), 0);
    free(m.host);
}

/* The first 2 MiB: no page below the boot info, low memory read-only. */
static void test_pt0(void **state)
{
    struct guest_mem m = mem_of(2 * MIB);

    (void)state;
    assert_int_equal(hvt_cpu_setup_memory(&m, m.size), 0);
    assert_int_equal(u64_at(&m, HVT_PT0_BASE), 0);
    assert_int_equal(u64_at(&m, HVT_PT0_BASE + 8 * 0xf), 0);
    assert_int_equal(u64_at(&m, HVT_PT0_BASE + 8 * 0x10), 0x10001);
    assert_int_equal(u64_at(&m, HVT_PT0_BASE + 8 * 0xff), 0xff001);
    assert_int_equal(u64_at(&m, HVT_PT0_BASE + 8 * 0x100), 0x100003);
    assert_int_equal(u64_at(&m, HVT_PT0_BASE + 8 * 511), 0x1ff003);
    assert_int_equal(pd_entry(&m, 1), 0);
    free(m.host);
}

/* Memory too small for the tables, or a map past 4 GiB, is refused. */
static void test_setup_refused(void **state)
{
    struct guest_mem small = mem_of(0x8000);
    struct guest_mem m = mem_of(2 * MIB);

    (void)state;
    assert_int_equal(hvt_cpu_setup_memory(&small, 2 * MIB), -1);
    assert_int_equal(hvt_cpu_setup_memory(&m, HVT_MEM_MAX + HVT_LARGE_PAGE),
                     -1);
    free(small.host);
    free(m.host);
}

/* The segments, tables and registers of spec 4.9-4.10; what the backend
 * read from the vCPU beyond them (the APIC base) is kept. */
static void test_boot_state(void **state)
{
    struct kvm_sregs sr = {.apic_base = 0xfee00900, .cr2 = 7};
    struct kvm_regs r = {.rax = 5};

    (void)state;
    hvt_x86_boot_state(&sr, &r, 0x100abc, 0x1ffff8, HVT_BOOT_INFO_BASE);
    assert_int_equal(sr.cr0, 0x80010021);
    assert_int_equal(sr.cr2, 0);
    assert_int_equal(sr.cr3, 0x2000);
    assert_int_equal(sr.cr4, 0x620);
    assert_int_equal(sr.efer, 0x500);
    assert_int_equal(sr.apic_base, 0xfee00900);
    assert_int_equal(r.rflags, 0x2);
    assert_int_equal(r.rip, 0x100abc);
    assert_int_equal(r.rsp, 0x1ffff8);
    assert_int_equal(r.rdi, 0x10000);
    assert_int_equal(r.rax, 0);
    assert_int_equal(sr.gdt.base, 0x1000);
    assert_int_equal(sr.gdt.limit, 23);
    assert_int_equal(sr.idt.limit, 0);
    assert_int_equal(sr.cs.selector, 0x08);
    assert_int_equal(sr.ss.selector, 0x10);
    assert_int_equal(sr.gs.selector, 0x10);
    assert_int_equal(sr.tr.type, 11);
    assert_true(sr.ldt.unusable);
    assert_int_equal(hvt_x86_gdt_entry(&sr.cs), 0x00AF99000000FFFFULL);
    assert_int_equal(hvt_x86_gdt_entry(&sr.ds), 0x00CF93000000FFFFULL);
}

/* Translation through the tender's own tables: 4 KiB pages in the first
 * 2 MiB (none below the boot info), 2 MiB pages above, nothing past them. */
static void test_translate(void **state)
{
    struct guest_mem m = mem_of(6 * MIB);
    uint64_t gpa = 0;

    (void)state;
    assert_int_equal(hvt_cpu_setup_memory(&m, m.size), 0);
    assert_int_equal(hvt_x86_translate(&m, 0x2000, 0x10038, &gpa), 0);
    assert_int_equal(gpa, 0x10038);
    assert_int_equal(hvt_x86_translate(&m, 0x2000, 0x4abcde, &gpa), 0);
    assert_int_equal(gpa, 0x4abcde);
    assert_int_equal(hvt_x86_translate(&m, 0x2000, 0xfff, &gpa), -1);
    assert_int_equal(hvt_x86_translate(&m, 0x2000, 6 * MIB, &gpa), -1);
    assert_int_equal(hvt_x86_translate(&m, 0x2000, 1ULL << 39, &gpa), -1);
    /* A CR3 or a table outside memory is not followed. */
    assert_int_equal(hvt_x86_translate(&m, 6 * MIB, 0x100000, &gpa), -1);
    free(m.host);
}

/* A guest's own tables: a 1 GiB page, and a 4 KiB page mapped elsewhere. */
static void test_translate_guest_tables(void **state)
{
    struct guest_mem m = mem_of(4 * MIB);
    uint64_t pml4 = 0x100000, pdpt = 0x101000, pd = 0x102000, pt = 0x103000;
    uint64_t e, gpa = 0;

    (void)state;
    e = pdpt | 3;
    memcpy(m.host + pml4, &e, 8);
    e = 0x83; /* 1 GiB page at 0 */
    memcpy(m.host + pdpt, &e, 8);
    e = pd | 3; /* 1 GiB..2 GiB through pd */
    memcpy(m.host + pdpt + 8, &e, 8);
    e = pt | 3;
    memcpy(m.host + pd, &e, 8);
    e = 0x300000 | 3; /* 1 GiB + 0x5000 -> 0x300000 */
    memcpy(m.host + pt + 5 * 8, &e, 8);
    assert_int_equal(hvt_x86_translate(&m, pml4, 0x123456, &gpa), 0);
    assert_int_equal(gpa, 0x123456);
    assert_int_equal(hvt_x86_translate(&m, pml4, (1ULL << 30) + 0x5123, &gpa),
                     0);
    assert_int_equal(gpa, 0x300123);
    assert_int_equal(hvt_x86_translate(&m, pml4, (1ULL << 30) + 0x6000, &gpa),
                     -1);
    free(m.host);
}

static void test_is_out_eax(void **state)
{
    static const struct {
        const char *bytes;
        size_t n;
        bool out;
    } cases[] = {
        {"\xef", 1, true},         /* out %eax, (%dx) */
        {"\xe7\x80", 2, true},     /* out %eax, $0x80 */
        {"\xe7", 1, false},        /* its port byte missing */
        {"\x48\xef", 2, true},     /* REX */
        {"\x2e\xf3\xef", 3, true}, /* ignored prefixes */
        {"\xf3\x6f", 2, false},    /* rep outsl */
        {"\x6f", 1, false},        /* outsl */
        {"\x66\xef", 2, false},    /* out %ax */
        {"\xee", 1, false},        /* out %al */
        {"\xed", 1, false},        /* in */
        {"\x90\xef", 2, false},    /* a nop first */
        {"\xf3\xf3\xf3\xf3\xf3\xf3\xf3\xf3\xf3\xf3\xf3\xf3\xf3\xf3\xf3\xef", 16,
         false}, /* 16 bytes long */
        {"", 0, false},
    };

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(
            hvt_x86_is_out_eax((const uint8_t *)cases[i].bytes, cases[i].n),
            cases[i].out);
}

/* The instruction is read across a page boundary (a 4 KiB page of PT0, then
 * the first 2 MiB page), and not past memory. */
static void test_out_eax_at(void **state)
{
    struct guest_mem m = mem_of(4 * MIB);

    (void)state;
    assert_int_equal(hvt_cpu_setup_memory(&m, m.size), 0);
    memcpy(m.host + 0x1ffffe, "\x2e\x2e\xef", 3);
    assert_true(hvt_x86_out_eax_at(&m, 0x2000, 0x1ffffe));
    assert_true(hvt_x86_out_eax_at(&m, 0x2000, 0x1fffff));
    assert_false(hvt_x86_out_eax_at(&m, 0x2000, 0x200001));
    /* Unmapped (below the boot info): nothing to read. */
    m.host[0xf000] = 0xef;
    assert_false(hvt_x86_out_eax_at(&m, 0x2000, 0xf000));
    /* E7's port byte would be past the end of memory. */
    m.host[0x3ffffe] = 0x2e;
    m.host[0x3fffff] = 0xe7;
    assert_false(hvt_x86_out_eax_at(&m, 0x2000, 0x3ffffe));
    m.host[0x3fffff] = 0xef;
    assert_true(hvt_x86_out_eax_at(&m, 0x2000, 0x3ffffe));
    assert_false(hvt_x86_out_eax_at(&m, 0x2000, 0x400000));
    free(m.host);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_gdt),
        cmocka_unit_test(test_page_tables),
        cmocka_unit_test(test_pt0),
        cmocka_unit_test(test_setup_refused),
        cmocka_unit_test(test_boot_state),
        cmocka_unit_test(test_translate),
        cmocka_unit_test(test_translate_guest_tables),
        cmocka_unit_test(test_is_out_eax),
        cmocka_unit_test(test_out_eax_at),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
