/* Kiln virtio power-off: ACPI S5 through the FADT's PM1 control ports. */
#include "virtio.h"

#define RSDP_SEARCH_START 0xE0000
#define RSDP_SEARCH_END 0x100000
#define SDT_HEADER 36 /* signature .. creator revision */
#define SDT_LENGTH 4
#define RSDP_RSDT 16
#define FADT_DSDT 40
#define FADT_PM1A_CNT 64
#define FADT_PM1B_CNT 68
#define AML_PACKAGE_OP 0x12
#define AML_BYTE_PREFIX 0x0A
#define SLP_EN (1U << 13)
#define SLP_TYP_SHIFT 10
#define POWEROFF_SPINS 10000000 /* time for the platform to act on S5 */

static NO_SSP uint32_t rd32(uintptr_t a)
{
    return *(const volatile uint32_t *)a;
}

static NO_SSP bool sig_is(uintptr_t a, const char *sig, size_t n)
{
    return memcmp((const void *)a, sig, n) == 0;
}

static NO_SSP uintptr_t find_rsdp(void)
{
    for (uintptr_t a = RSDP_SEARCH_START; a < RSDP_SEARCH_END; a += 16)
        if (sig_is(a, "RSD PTR ", 8))
            return a;
    return 0;
}

/* The table with signature sig the RSDT points to, or 0. */
static NO_SSP uintptr_t find_table(uintptr_t rsdt, const char *sig)
{
    uint32_t len = rd32(rsdt + SDT_LENGTH);

    if (len < SDT_HEADER || len > 0x10000)
        return 0;
    for (uint32_t off = SDT_HEADER; off + 4 <= len; off += 4) {
        uintptr_t t = rd32(rsdt + off);

        if (t != 0 && sig_is(t, sig, 4))
            return t;
    }
    return 0;
}

/* SLP_TYPa of the \_S5_ package in the DSDT, or -1. */
static NO_SSP int s5_slp_typ(uintptr_t dsdt)
{
    uint32_t len = rd32(dsdt + SDT_LENGTH);
    const uint8_t *p = (const uint8_t *)dsdt;

    if (len < SDT_HEADER || len > 0x100000)
        return -1;
    for (uint32_t i = SDT_HEADER; i + 8 < len; i++) {
        if (!sig_is(dsdt + i, "_S5_", 4) || p[i + 4] != AML_PACKAGE_OP)
            continue;
        /* Package length (one byte here), element count, first element. */
        i += 7;
        if (p[i] == AML_BYTE_PREFIX)
            return p[i + 1];
        return p[i] <= 1 ? p[i] : -1; /* ZeroOp, OneOp */
    }
    return -1;
}

NO_SSP void acpi_poweroff(void)
{
    uintptr_t rsdp = find_rsdp(), fadt, dsdt;
    uint32_t pm1a, pm1b;
    int typ;

    if (rsdp == 0 || (fadt = find_table(rd32(rsdp + RSDP_RSDT), "FACP")) == 0)
        return;
    dsdt = rd32(fadt + FADT_DSDT);
    pm1a = rd32(fadt + FADT_PM1A_CNT);
    pm1b = rd32(fadt + FADT_PM1B_CNT);
    if (dsdt == 0 || pm1a == 0 || pm1a > 0xFFFF || (typ = s5_slp_typ(dsdt)) < 0)
        return;
    cpu_outw((uint16_t)pm1a,
             (uint16_t)((unsigned)typ << SLP_TYP_SHIFT | SLP_EN));
    if (pm1b != 0 && pm1b <= 0xFFFF)
        cpu_outw((uint16_t)pm1b,
                 (uint16_t)((unsigned)typ << SLP_TYP_SHIFT | SLP_EN));
    /* The power goes off a little later (QEMU: at its next main loop). */
    for (int i = 0; i < POWEROFF_SPINS; i++)
        cpu_pause();
}
