/* Kiln hvt entry: _start, the ABI note, CPU set-up, hand-over to start. */
#include "bindings_hvt.h"

ABI1_NOTE_DEFINE(ABI1_TARGET_HVT, HVT_ABI_VERSION);

const struct hvt_boot_info *hvt_boot_info;

void _start(const struct hvt_boot_info *bi)
{
    enum log_level level = LOG_INFO;
    const char *cmdline;

    /* The tender leaves no IDT: traps must be caught before anything else. */
    cpu_init();
    crt_init_ssp();
    /* No TLS block yet: %fs accesses must fault, not use a stale base. */
    cpu_wrmsr(MSR_IA32_FS_BASE, 0);
    hvt_boot_info = bi;
    tsc_init(bi->cpu_cycle_freq);
    bindings_mft_set(bi->mft);
    cmdline = cmdline_parse(bi->cmdline, &level);
    log_set_level(level);
    ring_setup(bi);
    start_common(cmdline, bi->mem_size);
}
