/* Kiln bindings internal API: shared services and per-target hooks. */
#ifndef KILN_BINDINGS_H
#define KILN_BINDINGS_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include "mft_abi.h"
#include "solo5.h"

#define NORETURN __attribute__((noreturn))
#define PRINTF(f, a) __attribute__((format(printf, f, a)))
/* For code that runs before the canary is set, or after it was smashed. */
#define NO_SSP __attribute__((no_stack_protector, noinline))

/* ---- platform hooks: every target folder (bindings/<target>/) defines these
 */

/* Writes len bytes to the console, best effort. */
void platform_puts(const char *buf, size_t len);

/* Terminates the unikernel with status; never returns. */
void platform_exit(int status) NORETURN;

/* Terminates the unikernel abnormally (status 255 where one is conveyed). */
void platform_abort(void) NORETURN;

/* ---- architecture hook: bindings_cpu_<arch>.c defines it */

/* A free-running, fast-changing counter (the TSC on x86_64). */
uint64_t cpu_cycles(void);

/* ---- bindings_log.c */

enum log_level { LOG_ERROR = 0, LOG_WARN, LOG_INFO, LOG_DEBUG };

#define LOG_BUFFER_SIZE 320

/* Messages above level are dropped from now on; INFO until this is called. */
void log_set_level(enum log_level level);

/* Formats like printf into LOG_BUFFER_SIZE bytes and prints it if enabled. */
void log_printf(enum log_level level, const char *fmt, ...) PRINTF(2, 3);

/*
 * vsnprintf subset: flags '-' '0', width (digits or *), length hh h l ll z,
 * conversions d i u x X p s c %. Returns the untruncated length.
 */
size_t fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap);

/* ---- bindings_exit.c */

/* Prints "Solo5: ABORT: file:line: message" whatever the level, then aborts. */
void panic_at(const char *file, int line, const char *fmt, ...) NORETURN
    PRINTF(3, 4);
#define PANIC(...) panic_at(__FILE__, __LINE__, __VA_ARGS__)

/* Prints the same ABORT line as panic_at, but returns: the caller ends. */
void panic_print_at(const char *file, int line, const char *fmt, ...)
    PRINTF(3, 4);

/* ---- bindings_cmdline.c */

/*
 * Consumes the leading --solo5: options of cmdline (the first other token,
 * a misspelt option too, ends them), stores the last level seen in *level
 * (untouched if none) and returns the rest.
 */
const char *cmdline_parse(const char *cmdline, enum log_level *level);

/* ---- bindings_crt.c */

/* Seeds __stack_chk_guard; call before any canary-protected function. */
void crt_init_ssp(void) NO_SSP;

/* ---- bindings_mft.c */

/* Makes mft the manifest later lookups use (the tender's or our own copy). */
void bindings_mft_set(const struct mft *mft);

/* First entry of type named name (68 bytes at most), its index in *index. */
const struct mft_entry *bindings_mft_by_name(const char *name, mft_type_t type,
                                             solo5_handle_t *index);

/* The entry at index if it exists and has type, else NULL. */
const struct mft_entry *bindings_mft_by_index(solo5_handle_t index,
                                              mft_type_t type);

/* ---- bindings_dev.c (solo5_*_acquire live there too) */

/*
 * The block device behind handle if offset/size name whole blocks inside it,
 * at most block_max_request() bytes, else NULL.
 */
const struct mft_entry *block_request(solo5_handle_t handle, solo5_off_t offset,
                                      size_t size);

/*
 * Target hook: moves one host request of whole blocks on entry e (handle h),
 * size at most block_host_max(e), already checked; OK or the host's error.
 */
solo5_result_t block_io(const struct mft_entry *e, solo5_handle_t h, bool write,
                        solo5_off_t offset, void *buf, size_t size);

/* Bytes one host request may move on e: max_request with MFT_BLOCK_F_MULTI,
 * else one block. */
size_t block_host_max(const struct mft_entry *e);

/*
 * The largest request the guest may make on block entry e: the tender's
 * max_request when it offers MFT_BLOCK_F_MULTI, never below
 * SOLO5_BLOCK_MAX_REQUEST_MIN rounded down to whole blocks (spec 10.1).
 */
size_t block_max_request(const struct mft_entry *e);

/*
 * The block device behind handle if it offers flag (MFT_BLOCK_F_*) in its
 * manifest entry, else NULL; *rc is EINVAL for a bad handle, EUNSPEC for a
 * device without the feature.
 */
const struct mft_entry *block_feature(solo5_handle_t handle, unsigned flag,
                                      solo5_result_t *rc);

/* The largest frame net device handle carries (MTU plus Ethernet header), or
 * 0 if handle is no net device. */
size_t net_frame_max(solo5_handle_t handle);

/* ---- bindings_start.c */

/*
 * Takes size bytes (rounded up to pages) for the bindings' own use off the
 * bottom of the free memory above the image, if the 512 KiB minimum heap
 * still fits below mem_size; returns their address, or 0 (nothing taken).
 * The application's heap then starts above them. Call it before
 * start_common, with the same mem_size.
 */
uintptr_t mem_reserve(size_t size, uint64_t mem_size);

/*
 * Prints the banner and memory map, hands the memory above the image and the
 * mem_reserve'd areas (up to mem_size, the top of the stack) to
 * solo5_app_main and exits with its result.
 */
void start_common(const char *cmdline, uint64_t mem_size) NORETURN;

/* ---- bindings_lib.c: what the compiler may call on its own */

void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);

#endif /* KILN_BINDINGS_H */
