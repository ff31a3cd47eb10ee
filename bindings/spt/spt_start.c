/* Kiln spt entry: _start, the ABI note, hand-over to common start. */
#include "bindings_spt.h"

ABI1_NOTE_DEFINE(ABI1_TARGET_SPT, SPT_ABI_VERSION);

const struct spt_boot_info *spt_boot_info;

void _start(const struct spt_boot_info *bi)
{
    enum log_level level = LOG_INFO;
    const char *cmdline;

    /* Whatever %fs the tender left must not serve as TLS: make it fault. */
    sys_arch_prctl(ARCH_SET_FS, 0);
    crt_init_ssp();
    spt_boot_info = bi;
    bindings_mft_set(bi->mft);
    cmdline = cmdline_parse(bi->cmdline, &level);
    log_set_level(level);
    start_common(cmdline, bi->mem_size);
}
