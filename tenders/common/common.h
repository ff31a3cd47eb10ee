/* Tender common code: ELF, notes, manifest, devices; also elftool's. */
#ifndef KILN_COMMON_H
#define KILN_COMMON_H

#include <elf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "elf_abi.h"
#include "mft_abi.h"

/*
 * Errors: functions that can fail on untrusted input fill a struct kiln_err
 * with one line (no program name, no file name, no newline) and return -1.
 * Callers print "<prog>: <file>: <msg>" and exit 1.
 */
struct kiln_err {
    char msg[256];
};

/* Formats msg into err (printf-style) and returns -1. */
int kiln_err_set(struct kiln_err *err, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* ---- checked arithmetic (common_checked.c) ---- */

/* Sets *sum = a + b; returns true if that overflowed 64 bits. */
bool add_overflows(uint64_t a, uint64_t b, uint64_t *sum);

/* Sets *up = v rounded up to align (a power of two); true on overflow. */
bool align_up_overflows(uint64_t v, uint64_t align, uint64_t *up);

/* True if [off, off + len) lies inside [0, limit) without overflow. */
bool range_inside(uint64_t off, uint64_t len, uint64_t limit);

/* ---- guest memory (common_checked.c) ---- */

/*
 * Guest memory as a tender sees it: guest address a (base <= a < size) is
 * host byte host[a - base]. Tenders touch guest memory only through
 * gmem_ptr, so every guest-supplied address and length is range-checked.
 */
struct guest_mem {
    uint8_t *host; /* host address of guest address base */
    uint64_t base; /* lowest guest address backed by host memory */
    uint64_t size; /* guest addresses are below size (top of guest memory) */
};

/* Host pointer for guest range [gpa, gpa + len), or NULL if it is not all
 * inside. */
void *gmem_ptr(const struct guest_mem *mem, uint64_t gpa, uint64_t len);

/* ---- ELF loading (common_elf.c) ---- */

/* Lowest guest address any segment may occupy. */
#define ELF_GUEST_MIN_BASE 0x100000ULL

/* Segment protection bits passed to an elf_protect_fn. */
#define ELF_PROT_R 0x1
#define ELF_PROT_W 0x2
#define ELF_PROT_X 0x4

/* Applies prot to guest range [start, end) (page aligned); 0 or -1 on error. */
typedef int (*elf_protect_fn)(void *ctx, uint64_t start, uint64_t end,
                              int prot);

/* What a successful load tells the tender. */
struct elf_image {
    uint64_t entry;      /* e_entry, inside an executable segment */
    uint64_t kernel_end; /* largest page-aligned end of a loaded segment */
};

/* Real images have about ten program headers; more than this is refused. */
#define ELF_MAX_PHNUM 32U

/* An ELF file open for loading, with checked copies of its headers. */
struct elf_file {
    int fd;        /* the caller's; it stays open while f is used */
    uint64_t size; /* file size at elf_open: nothing is read past it */
    Elf64_Ehdr eh;
    Elf64_Phdr ph[ELF_MAX_PHNUM]; /* the first eh.e_phnum are valid */
};

/*
 * Reads and checks the ELF header and program header table of the regular
 * file open on fd. 0 on success, -1 with err set ("invalid executable: ...").
 */
int elf_open(int fd, struct elf_file *f, struct kiln_err *err);

/*
 * Validates every PT_LOAD of f, copies the segments into zeroed guest
 * memory, zeroes their bss parts and calls protect for each; the entry
 * point must lie in an executable segment. 0 on success, -1 with err set.
 */
int elf_load(const struct elf_file *f, const struct guest_mem *mem,
             elf_protect_fn protect, void *ctx, struct elf_image *img,
             struct kiln_err *err);

/*
 * Finds the first Solo5 note of type note_type (only the first note of each
 * PT_NOTE counts) and copies its content, after alignment padding, to buf
 * (room for max_desc bytes); *out_size is its length. 0 found, 1 no such
 * note, -1 malformed.
 */
int elf_load_note(const struct elf_file *f, uint32_t note_type,
                  uint32_t max_desc, uint32_t content_align, void *buf,
                  size_t *out_size, struct kiln_err *err);

/* Reads the ABI1 note: 0 present (*info filled), 1 absent, -1 malformed. */
int elf_load_abi(const struct elf_file *f, struct abi1_info *info,
                 struct kiln_err *err);

/* ---- manifest (common_mft.c) ---- */

/*
 * Checks a manifest of size bytes as extracted from its note: version,
 * entry count, exact size, reserved first entry, NUL-terminated names,
 * nothing attached. 0 if valid, -1 with err set.
 */
int mft_validate(const struct mft *mft, size_t size, struct kiln_err *err);

/* Room for the largest manifest a note may hold, aligned for struct mft. */
struct mft_store {
    _Alignas(8) uint8_t bytes[MFT1_NOTE_MAX_SIZE];
};

/* The manifest held in store. */
static inline struct mft *mft_of(struct mft_store *store)
{
    return (struct mft *)(void *)store->bytes;
}

/*
 * Reads the MFT1 note of f into store and validates it (*size bytes).
 * 0 ok, 1 no manifest, -1 invalid (err set).
 */
int mft_load(const struct elf_file *f, struct mft_store *store, size_t *size,
             struct kiln_err *err);

/* First entry of the given type named name, or NULL; *index gets its index. */
struct mft_entry *mft_get_by_name(struct mft *mft, const char *name,
                                  mft_type_t type, unsigned *index);

/* Entry at index if it exists and has the given type, else NULL. */
struct mft_entry *mft_get_by_index(struct mft *mft, unsigned index,
                                   mft_type_t type);

/* "BLOCK_BASIC", "NET_BASIC" or "<undefined type>". */
const char *mft_type_to_string(mft_type_t type);

/* True if name is 1..MFT_NAME_MAX characters of [A-Za-z0-9]. */
bool mft_name_valid(const char *name);

/*
 * Checks that every device entry (type < MFT_RESERVED_FIRST) is attached.
 * Returns the number of unattached entries; calls report(ctx, entry) for each.
 */
unsigned mft_check_attached(const struct mft *mft,
                            void (*report)(void *ctx,
                                           const struct mft_entry *e),
                            void *ctx);

/* ---- command line (common_opt.c) ---- */

/*
 * Parses opt as "--PREFIX:NAME=VALUE" (prefix given without "--" or ":").
 * Returns 1 if opt is not a PREFIX option, 0 with name and *value set, or
 * -1 with err set if NAME is not 1..67 alphanumerics or '=' is missing.
 */
int opt_device(const char *opt, const char *prefix, char name[MFT_NAME_SIZE],
               const char **value, struct kiln_err *err);

/* Parses a whole decimal number (no sign, no junk); false if it is not one. */
bool opt_parse_u64(const char *s, uint64_t *v);

/* Joins args with single spaces into buf; -1 if the result needs more than
 * size. */
int cmdline_join(char *buf, size_t size, int argc, char *const argv[]);

/* ---- devices (common_block.c, common_tap.c) ---- */

/*
 * Opens the block backing file path read/write and checks it against
 * block_size: its size must be a non-zero multiple. Sets *fd and *capacity
 * (bytes); -1 with err set ("Could not open ...", "Backing storage ...").
 */
int block_attach(const char *path, uint64_t block_size, int *fd,
                 uint64_t *capacity, struct kiln_err *err);

/* True if n is a valid sector size: a power of two from 512 to 32768. */
bool block_size_valid(uint64_t n);

/*
 * Attaches to tap interface iface ("tap0", which must exist and be up) or,
 * given "@N", to the already open tap descriptor N. The descriptor is made
 * non-blocking; *mtu is the interface MTU. -1 with err set.
 */
int tap_attach(const char *iface, int *fd, unsigned *mtu, struct kiln_err *err);

/* Parses "xx:xx:xx:xx:xx:xx" (hex) into mac; false if malformed. */
bool mac_parse(const char *s, uint8_t mac[6]);

/* Makes a random unicast, locally administered MAC address. */
void mac_random(uint8_t mac[6]);

#endif /* KILN_COMMON_H */
