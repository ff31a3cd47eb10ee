/* What a tender's core never calls: module options, names, seccomp ranges. */
/* Defined in common_module.c, common_mft_name.c (elftool's too),
 * common_opt_hex.c and common_sandbox_range.c. */
#ifndef KILN_COMMON_MODULE_H
#define KILN_COMMON_MODULE_H

#include "common.h"

/* Names in module NAME's object (section "kiln_options") the options it
 * owns, OPTS space-separated, each "--X" standing for --X, --X=... and
 * --X:...; the build reads every module's into the tender's table of option
 * owners (tender_desc.option_owners), so that a tender built without the
 * module still knows whose options they are. */
#define TENDER_MODULE_OPTIONS(NAME, OPTS)                                      \
    static const char tender_options_##NAME[]                                  \
        __attribute__((section("kiln_options"), used)) = #NAME " " OPTS

/* Reports why opt is bad, on one line ("<why>; Invalid option: '<opt>'",
 * opt escaped); returns -1, for a module's handle_option to return. */
int tender_bad_option(const char *opt, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* As sandbox_allow, but a matching call raises SIGSYS (SECCOMP_RET_TRAP)
 * for the caller's handler; trap rules are tested before allow rules. */
void sandbox_trap(struct sandbox *sb, int nr, unsigned nargs, ...);

/* The conditions beyond equality (see struct sandbox_op in common.h). */
extern const struct sandbox_op sandbox_le, sandbox_ge, sandbox_mask0,
    sandbox_sum_le;
#define SANDBOX_LE (&sandbox_le)
#define SANDBOX_GE (&sandbox_ge)
#define SANDBOX_MASK0 (&sandbox_mask0)
#define SANDBOX_SUM_LE (&sandbox_sum_le)

/* The value of hex digit c (either case), or -1 if c is not one. */
int opt_hex_digit(int c);

/* First entry of the given type named name, or NULL; *index gets its index. */
struct mft_entry *mft_get_by_name(struct mft *mft, const char *name,
                                  mft_type_t type, unsigned *index);

/* The row of mft_device_types whose manifest name is name, or NULL. */
const struct mft_device_type *mft_device_type_named(const char *name);

/* True if name is 1..MFT_NAME_MAX characters of [A-Za-z0-9]. */
bool mft_name_valid(const char *name);

#endif /* KILN_COMMON_MODULE_H */
