/* Kiln guest API: the Solo5-compatible interface of every unikernel. */
#ifndef SOLO5_H_INCLUDED
#define SOLO5_H_INCLUDED

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/*
 * Result of an API call. The numeric values cross the hvt ABI in hypercall
 * "ret" fields, so they are part of the binary contract and never change.
 * Applications should only rely on SOLO5_R_OK meaning success.
 */
typedef enum {
    SOLO5_R_OK = 0,      /* the call succeeded */
    SOLO5_R_AGAIN = 1,   /* nothing to do now; retry later */
    SOLO5_R_EINVAL = 2,  /* an argument was invalid */
    SOLO5_R_EUNSPEC = 3, /* some other failure */
} solo5_result_t;

/* Start-of-day information; statically allocated, read-only for the app. */
struct solo5_start_info {
    const char *cmdline;  /* guest command line, --solo5: options removed */
    uintptr_t heap_start; /* first byte of free memory (page aligned) */
    size_t heap_size;     /* bytes of free memory; the stack is at its top */
};

/* Entry point the application defines; its return value is the exit status. */
int solo5_app_main(const struct solo5_start_info *info);

#define SOLO5_EXIT_SUCCESS 0
#define SOLO5_EXIT_FAILURE 1
/* Statuses from 255 up are reserved for Kiln itself. */
#define SOLO5_EXIT_ABORT 255

/* Terminates the unikernel with status (truncated to 8 bits by the host). */
void solo5_exit(int status) __attribute__((noreturn));

/* Terminates the unikernel abnormally with status 255. */
void solo5_abort(void) __attribute__((noreturn));

/* Bytes a TLS block must have (zeroed by the caller before solo5_tls_init). */
size_t solo5_tls_size(void);

/* Thread-pointer value to pass to solo5_set_tls_base for the block at tls. */
uintptr_t solo5_tls_tp_offset(uintptr_t tls);

/* Copies the .tdata template into the block at tls; EINVAL if tls is 0. */
solo5_result_t solo5_tls_init(uintptr_t tls);

/* Makes base the current thread pointer (the %fs base on x86_64). */
solo5_result_t solo5_set_tls_base(uintptr_t base);

/* Nanoseconds. */
typedef uint64_t solo5_time_t;

/* Monotonic nanoseconds since an unspecified point in the past. */
solo5_time_t solo5_clock_monotonic(void);

/* Nanoseconds since 1970-01-01 UTC; may be slow. */
solo5_time_t solo5_clock_wall(void);

/* A device handle: the device's index in the manifest (1..63). */
typedef uint64_t solo5_handle_t;

/* Bit h set means handle h is ready for input. */
typedef uint64_t solo5_handle_set_t;

/*
 * Suspends until monotonic time reaches deadline or a network device has
 * input. If ready_set is not NULL it receives the ready handles (0 on
 * timeout); a handle reported ready has at least one frame to read.
 */
void solo5_yield(solo5_time_t deadline, solo5_handle_set_t *ready_set);

/* Writes size bytes to the console; best effort, never fails. */
void solo5_console_write(const char *buf, size_t size);

#define SOLO5_NET_ALEN 6  /* Ethernet address length */
#define SOLO5_NET_HLEN 14 /* Ethernet header length */

/* Properties of a network device. */
struct solo5_net_info {
    uint8_t mac_address[SOLO5_NET_ALEN];
    size_t mtu; /* not including the Ethernet header */
};

/* Looks up the NET_BASIC device called name; EINVAL if there is none. */
solo5_result_t solo5_net_acquire(const char *name, solo5_handle_t *handle,
                                 struct solo5_net_info *info);

/* Sends one frame of size <= mtu + 14 bytes without blocking. */
solo5_result_t solo5_net_write(solo5_handle_t handle, const uint8_t *buf,
                               size_t size);

/*
 * Receives one frame into buf (size >= mtu + 14) without blocking; AGAIN
 * when none is queued, otherwise *read_size is the frame length.
 */
solo5_result_t solo5_net_read(solo5_handle_t handle, uint8_t *buf, size_t size,
                              size_t *read_size);

/* Byte offset on a block device. */
typedef uint64_t solo5_off_t;

/* Properties of a block device. */
struct solo5_block_info {
    solo5_off_t capacity;   /* bytes */
    solo5_off_t block_size; /* the only I/O unit, in bytes */
};

/* Looks up the BLOCK_BASIC device called name; EINVAL if there is none. */
solo5_result_t solo5_block_acquire(const char *name, solo5_handle_t *handle,
                                   struct solo5_block_info *info);

/*
 * Writes size bytes at offset: both multiples of block_size, size at most
 * solo5_block_max_request(), the range inside the device; else EINVAL.
 */
solo5_result_t solo5_block_write(solo5_handle_t handle, solo5_off_t offset,
                                 const uint8_t *buf, size_t size);

/* Reads size bytes at offset, under the same rules as solo5_block_write. */
solo5_result_t solo5_block_read(solo5_handle_t handle, solo5_off_t offset,
                                uint8_t *buf, size_t size);

/*
 * Kiln: the largest size one block read or write takes on handle, a multiple
 * of block_size and at least SOLO5_BLOCK_MAX_REQUEST_MIN; EINVAL for a bad
 * handle.
 */
#define SOLO5_BLOCK_MAX_REQUEST_MIN (1U << 20)
solo5_result_t solo5_block_max_request(solo5_handle_t handle, size_t *size);

/*
 * Kiln: returns OK once every write acknowledged before the call is durable
 * on the host; EUNSPEC when the host cannot flush this device (never a false
 * OK), EINVAL for a bad handle.
 */
solo5_result_t solo5_block_flush(solo5_handle_t handle);

#endif /* SOLO5_H_INCLUDED */
