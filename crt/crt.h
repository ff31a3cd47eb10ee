/* Kiln C runtime: the glue between picolibc and the Solo5 API (internal). */
#ifndef KILN_CRT_H
#define KILN_CRT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "solo5.h"

/* Bytes between the start-of-day stack pointer and the highest heap byte. */
#define CRT_STACK_RESERVE (256 * 1024)

/* Carves the TLS block out of [*start, end), copies the template, switches to
 * it. */
int crt_tls_setup(uintptr_t *start, uintptr_t end);
/* Hands [start, end) to sbrk; the heap never grows past end. */
void crt_heap_setup(uintptr_t start, uintptr_t end);
/* Writes what stdout and stderr buffer to the console. */
void crt_stdio_flush(void);
/* Runs the preinit and init arrays (constructors). */
void crt_run_ctors(void);
/* The network layer's, weak: defined only when the program links it. Takes
 * its options (--ipv4...) out of argv, brings the interfaces up; returns the
 * new argc, or -1 after printing why. */
int net_main_args(int argc, char **argv) __attribute__((weak));

struct stat;
/* The socket layer's, weak: defined only when the program links it. read,
 * write, close and fstat of a descriptor above 2; -1 with EBADF when it is
 * no socket. */
ssize_t net_fd_read(int fd, void *buf, size_t n) __attribute__((weak));
ssize_t net_fd_write(int fd, const void *buf, size_t n) __attribute__((weak));
int net_fd_close(int fd) __attribute__((weak));
int net_fd_fstat(int fd, struct stat *st) __attribute__((weak));

/* 1 if the CPU has an entropy source crt_rng_read can use (probed once). */
int crt_rng_present(void);
/* Fills *v from the CPU's entropy source; -1 if it has none or kept failing. */
int crt_rng_read(uint64_t *v);

#endif
