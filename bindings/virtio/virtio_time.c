/* Kiln virtio time: TSC calibrated on the PIT, CMOS RTC, PIT-timed yield. */
#include "virtio.h"

#define NSEC_PER_SEC 1000000000ULL
#define PIT_HZ 1193182ULL
#define PIT_CH0 0x40
#define PIT_CH2 0x42
#define PIT_CMD 0x43
#define PIT_CH0_ONESHOT 0x30 /* channel 0, lo/hi byte, mode 0 */
#define PIT_CH2_ONESHOT 0xB0 /* channel 2, lo/hi byte, mode 0 */
#define PIT_MAX_COUNT 0xFFFFULL
#define PORT_B 0x61
#define PORT_B_CH2_GATE 0x01
#define PORT_B_SPEAKER 0x02
#define PORT_B_CH2_OUT 0x20
#define CALIBRATE_STEPS 10
#define CALIBRATE_COUNT 11932 /* 10 ms of PIT ticks per step */
#define IRQ_PIT 0

#define CMOS_INDEX 0x70
#define CMOS_DATA 0x71
#define RTC_SEC 0x00
#define RTC_MIN 0x02
#define RTC_HOUR 0x04
#define RTC_DAY 0x07
#define RTC_MONTH 0x08
#define RTC_YEAR 0x09
#define RTC_STATUS_A 0x0A
#define RTC_STATUS_B 0x0B
#define RTC_UIP 0x80    /* status A: update in progress */
#define RTC_BINARY 0x04 /* status B: values in binary, not BCD */
#define RTC_24H 0x02    /* status B: 24-hour clock */
#define RTC_PM 0x80     /* hour bit in 12-hour mode */

/* Wall clock at the moment the RTC was read, and the monotonic time then. */
static uint64_t wall_base, wall_mono;

static void pit_start(uint8_t mode_cmd, uint16_t port, uint16_t count)
{
    cpu_outb(PIT_CMD, mode_cmd);
    cpu_outb(port, (uint8_t)count);
    cpu_outb(port, (uint8_t)(count >> 8));
}

/* TSC ticks per second, measured over CALIBRATE_STEPS PIT countdowns. */
static uint64_t tsc_calibrate(void)
{
    uint64_t start, end;

    /* Channel 2 gated on, its output not wired to the speaker. */
    cpu_outb(PORT_B, (cpu_inb(PORT_B) & ~PORT_B_SPEAKER) | PORT_B_CH2_GATE);
    start = cpu_cycles();
    for (int i = 0; i < CALIBRATE_STEPS; i++) {
        pit_start(PIT_CH2_ONESHOT, PIT_CH2, CALIBRATE_COUNT);
        while (!(cpu_inb(PORT_B) & PORT_B_CH2_OUT))
            cpu_pause();
    }
    end = cpu_cycles();
    return (end - start) * PIT_HZ / (CALIBRATE_STEPS * CALIBRATE_COUNT);
}

static uint8_t cmos_read(uint8_t reg)
{
    cpu_outb(CMOS_INDEX, reg);
    return cpu_inb(CMOS_DATA);
}

static unsigned rtc_value(uint8_t reg, uint8_t status_b)
{
    uint8_t v = cmos_read(reg);

    if (reg == RTC_HOUR && !(status_b & RTC_24H)) {
        bool pm = v & RTC_PM;
        unsigned h = status_b & RTC_BINARY ? (v & 0x7F)
                                           : ((v & 0x70) >> 4) * 10 + (v & 15);

        return (h % 12) + (pm ? 12 : 0);
    }
    return status_b & RTC_BINARY ? v : (v >> 4) * 10 + (v & 15);
}

static bool leap(unsigned y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Days from 1970-01-01 to year-month-day (month 1-12). */
static uint64_t days_since_epoch(unsigned year, unsigned month, unsigned day)
{
    static const unsigned mdays[12] = {31, 28, 31, 30, 31, 30,
                                       31, 31, 30, 31, 30, 31};
    uint64_t days = 0;

    for (unsigned y = 1970; y < year; y++)
        days += leap(y) ? 366 : 365;
    for (unsigned m = 1; m < month && m <= 12; m++)
        days += mdays[m - 1] + (m == 2 && leap(year));
    return days + day - 1;
}

/* Seconds since the epoch, from the CMOS RTC (years counted from 2000). */
static uint64_t rtc_read(void)
{
    uint8_t b;
    uint64_t days;

    while (cmos_read(RTC_STATUS_A) & RTC_UIP)
        cpu_pause();
    b = cmos_read(RTC_STATUS_B);
    days = days_since_epoch(2000 + rtc_value(RTC_YEAR, b),
                            rtc_value(RTC_MONTH, b), rtc_value(RTC_DAY, b));
    return ((days * 24 + rtc_value(RTC_HOUR, b)) * 60 + rtc_value(RTC_MIN, b)) *
               60 +
           rtc_value(RTC_SEC, b);
}

void time_init(void)
{
    tsc_init(tsc_calibrate());
    wall_base = rtc_read() * NSEC_PER_SEC;
    wall_mono = tsc_ns();
}

solo5_time_t solo5_clock_monotonic(void)
{
    return tsc_ns();
}

solo5_time_t solo5_clock_wall(void)
{
    return wall_base + (tsc_ns() - wall_mono);
}

uint16_t virtio_irq_lines;

void sleep_at_most(uint64_t ns)
{
    uint64_t max_ns = PIT_MAX_COUNT * NSEC_PER_SEC / PIT_HZ;
    uint64_t count = (ns > max_ns ? max_ns : ns) * PIT_HZ / NSEC_PER_SEC;

    pit_start(PIT_CH0_ONESHOT, PIT_CH0, (uint16_t)(count == 0 ? 1 : count));
    pic_unmask(IRQ_PIT);
    for (unsigned irq = 0; irq < 16; irq++)
        if (virtio_irq_lines & (1U << irq))
            pic_unmask(irq);
    /* sti's one-instruction shadow: no interrupt is lost before the hlt. */
    __asm__ volatile("sti; hlt; cli" : : : "memory");
}

void solo5_yield(solo5_time_t deadline, solo5_handle_set_t *ready_set)
{
    solo5_handle_set_t set;
    solo5_time_t now;

    for (;;) {
        set = net_ready_set();
        now = solo5_clock_monotonic();
        if (set != 0 || now >= deadline)
            break;
        sleep_at_most(deadline - now);
    }
    if (ready_set != NULL)
        *ready_set = set;
}
