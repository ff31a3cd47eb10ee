/* Kiln spt bindings internals: the boot information the spt files share. */
#ifndef KILN_BINDINGS_SPT_H
#define KILN_BINDINGS_SPT_H

#include "bindings.h"
#include "spt_abi.h"
#include "spt_sys_x86_64.h"

/* What the tender handed over at entry; set by _start before anything else. */
extern const struct spt_boot_info *spt_boot_info;

/* The ELF entry point: the tender jumps here with rsp = mem_size - 8. */
void _start(const struct spt_boot_info *bi) NORETURN NO_SSP;

#endif /* KILN_BINDINGS_SPT_H */
