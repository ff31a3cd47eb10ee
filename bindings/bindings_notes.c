/* Kiln bindings ELF markers: the fake interpreter, the OpenBSD note. */
#include "bindings.h"

/*
 * PT_INTERP names an interpreter that does not exist, so the host kernel
 * refuses to exec a unikernel directly instead of running it as a program.
 */
const char kiln_interp[24]
    __attribute__((section(".interp"), used, aligned(8))) =
        "/nonexistent/solo5/";

/*
 * OpenBSD only runs binaries whose first PT_NOTE is its own; say "not ours".
 * aligned(4): notes are 4-aligned, GCC would otherwise over-align it.
 */
const struct openbsd_note kiln_not_openbsd
    __attribute__((section(".note.solo5.not_openbsd"), used, aligned(4))) = {
        .n_namesz = 8,
        .n_descsz = 4,
        .n_type = 1,
        .n_name = "OpenBSD",
        .desc = 0,
};
