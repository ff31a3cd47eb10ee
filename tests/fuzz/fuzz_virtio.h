/* Shared harness of the virtio fuzzers: port I/O, console, panics, input. */
#ifndef FUZZ_VIRTIO_H
#define FUZZ_VIRTIO_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
 * The bindings are compiled into the fuzzer's own translation unit (each
 * fuzzer includes the .c files it tests), so every run can reset their
 * static state. Port I/O is the harness's: this guard keeps
 * metal_cpu_x86_64.h's inline assembly out and the functions below stand in
 * for it, calling fz_in and fz_out, the device model each fuzzer defines.
 */
#define KILN_METAL_CPU_X86_64_H
#define MSR_IA32_FS_BASE 0xC0000100U

static uint32_t fz_in(uint16_t port, unsigned bytes);
static void fz_out(uint16_t port, unsigned bytes, uint32_t value);

static inline void cpu_outl(uint16_t port, uint32_t value)
{
    fz_out(port, 4, value);
}

static inline uint32_t cpu_inl(uint16_t port)
{
    return fz_in(port, 4);
}

static inline void cpu_outw(uint16_t port, uint16_t value)
{
    fz_out(port, 2, value);
}

static inline uint16_t cpu_inw(uint16_t port)
{
    return (uint16_t)fz_in(port, 2);
}

static inline void cpu_outb(uint16_t port, uint8_t value)
{
    fz_out(port, 1, value);
}

static inline uint8_t cpu_inb(uint16_t port)
{
    return (uint8_t)fz_in(port, 1);
}

static inline void cpu_mfence(void)
{
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
}

static inline void cpu_pause(void)
{
}

#include "virtio.h"

/* The real formatter, log and panic path (bindings_log.c, bindings_exit.c). */
#include "bindings_exit.c"
#include "bindings_log.c"

/* A PANIC (platform_abort) comes back here while the bindings run. */
static jmp_buf fz_jb;
static int fz_in_call;
static char fz_line[LOG_BUFFER_SIZE]; /* the last console line */

void platform_puts(const char *buf, size_t len)
{
    if (len >= sizeof fz_line)
        len = sizeof fz_line - 1;
    memcpy(fz_line, buf, len);
    fz_line[len] = '\0';
}

void platform_abort(void)
{
    if (!fz_in_call) {
        fprintf(stderr, "fuzz: abort outside a call: %s", fz_line);
        abort();
    }
    longjmp(fz_jb, 1);
}

void platform_exit(int status)
{
    fprintf(stderr, "fuzz: unexpected exit(%d): %s", status, fz_line);
    abort();
}

/* Whether the last PANIC was the one whose message starts with what. */
static bool fz_panicked(const char *what)
{
    const char *m = strstr(fz_line, ": ABORT: ");

    m = m != NULL ? strstr(m + 9, ": ") : NULL;
    return m != NULL && strncmp(m + 2, what, strlen(what)) == 0;
}

/* ---- input decoding ---- */

struct fz_input {
    const uint8_t *p;
    size_t n;
};

/* Little-endian, zero once the input is used up. */
static uint64_t fz_take(struct fz_input *in, unsigned bytes)
{
    uint64_t v = 0;

    for (unsigned i = 0; i < bytes && in->n > 0; i++, in->p++, in->n--)
        v |= (uint64_t)*in->p << (8 * i);
    return v;
}

#endif /* FUZZ_VIRTIO_H */
