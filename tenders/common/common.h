/* Tender common code: ELF, manifest, sandbox, framework; also elftool's. */
/* What only modules use has its own header: common_module.h (options, names,
 * seccomp), common_dev.h (block and net devices), common_core.h (core files).
 */
#ifndef KILN_COMMON_H
#define KILN_COMMON_H

#include <elf.h>
#include <linux/filter.h>
#include <stdarg.h>
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
#define ELF_PROT_R PF_R
#define ELF_PROT_W PF_W
#define ELF_PROT_X PF_X

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

/* One row of MFT_DEVICE_TYPES (mft_abi.h). */
struct mft_device_type {
    mft_type_t type;    /* MFT_DEV_BLOCK_BASIC */
    const char *name;   /* "BLOCK_BASIC", as manifest.json spells it */
    const char *module; /* "block", the tender module that attaches it */
};

/* Every device type, ended by a row whose name is NULL. */
extern const struct mft_device_type mft_device_types[];

/* The row of type, or NULL if type is no device type. */
const struct mft_device_type *mft_device_type(mft_type_t type);

/* The manifest name of type ("BLOCK_BASIC"), or "<undefined type>". */
const char *mft_type_to_string(mft_type_t type);

/* ---- command line (common_opt.c) ---- */

/* Parses a whole decimal number (no sign, no junk); false if it is not one. */
bool opt_parse_u64(const char *s, uint64_t *v);

/* Joins args with single spaces into buf; -1 if the result needs more than
 * size. */
int cmdline_join(char *buf, size_t size, int argc, char *const argv[]);

/* ---- files (common_file.c) ---- */

/*
 * Opens path with flags (O_RDONLY or O_RDWR, maybe O_DSYNC; close-on-exec is
 * added) without waiting on a FIFO or device, and keeps it only if it is a
 * regular file (or a block device, if allow_blk). The descriptor, blocking;
 * -1 with err set to the reason alone ("No such file or directory", "is a
 * FIFO").
 */
int file_open(const char *path, int flags, bool allow_blk,
              struct kiln_err *err);

/* ---- sandbox: seccomp allowlists as data, compiled to BPF (common_sandbox.c)
 */

/*
 * How a rule tests one 64-bit syscall argument a against its value v, all 64
 * bits compared: a == v, a <= v, a >= v, (a & v) == 0 (no bit of v set: with
 * v = 2^k - 1, a is a multiple of 2^k), or a + b <= v with b another argument
 * and no wrap (the sum of the two as unbounded integers). Each compiles with
 * code of its own, so a program links only those its rules name: EQ in
 * common_sandbox.c, the others (common_module.h) in common_sandbox_range.c.
 */
struct sandbox_op;
extern const struct sandbox_op sandbox_eq;
#define SANDBOX_EQ (&sandbox_eq)

#define SANDBOX_MAX_ARGS 6

/* One allowed syscall: nr, with up to SANDBOX_MAX_ARGS argument conditions
 * (all hold); a trap rule raises SIGSYS in the caller instead of allowing it.
 */
struct sandbox_rule {
    int nr;
    bool trap;
    unsigned nargs;
    struct {
        unsigned index; /* which syscall argument (0..5) */
        const struct sandbox_op *op;
        unsigned other; /* SANDBOX_SUM_LE: the argument added to this one */
        uint64_t value;
    } arg[SANDBOX_MAX_ARGS];
};

#define SANDBOX_MAX_RULES 256

/* The architecture a filter accepts syscalls from, and the number from
 * which syscalls are another ABI's and always killed (x86_64: x32), or 0
 * (common_sandbox_<arch>.c). */
extern const uint32_t sandbox_audit_arch;
extern const uint32_t sandbox_nr_limit;

/* An allowlist under construction; anything it does not allow is killed. */
struct sandbox {
    unsigned nrules;
    struct sandbox_rule rules[SANDBOX_MAX_RULES];
};

/* Appends an allow rule with nargs conditions, each (unsigned index, enum
 * sandbox_op op, uint64_t value), or (index, SANDBOX_SUM_LE, unsigned other,
 * uint64_t value); exits if full. */
void sandbox_allow(struct sandbox *sb, int nr, unsigned nargs, ...);

/* What both build on: appends a rule, its nargs conditions taken from ap. */
void sandbox_add(struct sandbox *sb, int nr, bool trap, unsigned nargs,
                 va_list ap);

/* Compiles sb to classic BPF into prog (room for max instructions): the
 * instruction count, or -1 if it does not fit. */
int sandbox_compile(const struct sandbox *sb, struct sock_filter *prog,
                    unsigned max);

/* Compiles sb into the process's allowlist, which sandbox_install will
 * install; exits 1 if it does not fit. */
void sandbox_seal(const struct sandbox *sb);

/* Installs the sealed allowlist (no new privileges; every thread if
 * all_threads); exits 1 on error. Only allowed syscalls may follow. */
void sandbox_install(bool all_threads);

/* ---- signals that end a guest (common_signal.c) ---- */

/*
 * Makes SIGHUP, SIGINT, SIGUSR1, SIGPIPE, SIGALRM and SIGTERM end the process
 * with "<prog>: Exiting on signal N" on stderr and exit status 1. The handler
 * runs on its own stack and uses no libc and nothing through FS, so it works
 * while an spt guest runs in the process. Exits 1 on error.
 */
void tender_signals_init(const char *prog);

/* Allows the handler's writes: fd 2, each line's own address and length
 * (its exit_group is in every tender's core rules). */
void tender_signals_rules(struct sandbox *sb);

/* Writes len bytes of line to fd 2 (none if len is 0), then exit_group(status),
 * by raw system calls (common_signal_<arch>.c). */
void signal_line_exit(const char *line, size_t len, int status)
    __attribute__((noreturn));

/* ---- wait set: the timer and net devices a guest waits on (common_waitset.c)
 */

/* The epoll tag of the timer; net devices are tagged with their handle. */
#define WAITSET_TIMER_TAG 0xFFFFFFFEU

struct waitset {
    int epollfd; /* holds timerfd and every attached tap */
    int timerfd; /* CLOCK_MONOTONIC, non-blocking */
};

/* Creates the epoll set with the timer in it; exits 1 on error. */
void waitset_init(struct waitset *ws);

/* Adds fd (readable = ready) with tag; exits 1 on error. */
void waitset_add(struct waitset *ws, int fd, uint64_t tag);

/* Waits up to timeout_ns for a device (timer excluded): the set of ready
 * tags below 64, bit t for tag t; 0 on timeout. Exits 1 on error. */
uint64_t waitset_wait(const struct waitset *ws, uint64_t timeout_ns);

/* ---- the tender framework: command line, modules (common_tender.c) ---- */

#define TENDER_CMDLINE_SIZE 8192U /* guest command line, including the NUL */
#define MIB (1ULL << 20)          /* --mem counts these */

/* Room for a path or option value of up to 4096 bytes escaped by
 * tender_escape: every one an error prints goes through it, so an error
 * stays one line whatever it contains. */
#define TENDER_ESCAPED_SIZE (4 * 4096 + 1)

struct tender;

struct hvt_boot_info;

/*
 * A tender module: one ops struct, registered with TENDER_MODULE; the
 * tender's module list in the Makefile decides which are linked in. A
 * module that attaches devices is named in MFT_DEVICE_TYPES. Every hook may
 * be NULL; hooks marked hvt are only called by solo5-hvt.
 */
struct tender_module {
    const char *name;         /* as "Compiled-in modules:" lists it */
    const char *usage;        /* option lines for --help, or NULL */
    const char *const *flags; /* its options without "=VALUE", NULL-ended */
    /* Consumes opt if it is this module's: 0 taken, 1 not mine, -1 bad
     * (reported on stderr). */
    int (*handle_option)(struct tender *t, const char *opt);
    /* hvt: bytes it keeps at the top of guest memory, out of the guest's
     * reach, ending at top (what earlier modules left); 0 for none. Runs
     * once, after the options, before KERNEL is loaded. */
    uint64_t (*reserve)(struct tender *t, uint64_t top);
    /* Runs once guest memory exists (hvt: before the VM does): 0, or -1
     * (reported). */
    int (*setup)(struct tender *t);
    /* hvt: once the VM exists, after every setup: starts what it offers
     * the guest that needs the VM (the net ring's kick and thread) and adds
     * it to the boot info (feature bits and their fields). */
    void (*boot_info)(struct tender *t, struct hvt_boot_info *bi);
    /* Adds to sb the syscalls its attached devices need once the guest
     * runs, pinned to their descriptors. */
    void (*rules)(struct tender *t, struct sandbox *sb);
    /* --describe: adds to t->mft a made-up attached device of each of its
     * types (dev_describe) and takes the state in which its rules allow the
     * most, for the allowlist --describe prints; may print lines of its own
     * ("KEY: ...") on stdout. */
    void (*describe)(struct tender *t);
    /* The guest ends: by its exit (fatal false, status its status) or on a
     * fatal condition (fatal true, status 1), on the thread that ends it;
     * the tender exits right after. Runs under the sandbox. */
    void (*exit)(struct tender *t, int status, bool fatal);
};

/* One row of a tender's table of option owners (generated from every
 * module's TENDER_MODULE_OPTIONS, common_module.h). */
struct tender_option_owner {
    const char *module;  /* "gdb" */
    const char *options; /* "--gdb --gdb-port" */
};

/* Adds ops to the module list of the tender it is linked into. */
#define TENDER_MODULE(NAME, OPS)                                               \
    const struct tender_module *const tender_module_##NAME                     \
        __attribute__((section("kiln_modules"), used)) = &(OPS)

/* The i-th linked-in module (link order), or NULL past the last. */
const struct tender_module *tender_module_at(unsigned i);

/* Runs every module's setup; exits 1 if one fails (it reported why). */
void tender_modules_setup(struct tender *t);

/* Adds every module's rules to sb. */
void tender_modules_rules(struct tender *t, struct sandbox *sb);

/* Runs every module's exit hook (see struct tender_module). */
void tender_modules_exit(struct tender *t, int status, bool fatal);

/* The linked-in module called name, or NULL. */
const struct tender_module *tender_module_named(const char *name);

/* What sets one tender's command line apart from another's. */
struct tender_desc {
    const char *prog;              /* "solo5-spt", "solo5-hvt" */
    uint32_t abi_target;           /* the ABI1 target KERNEL must be for */
    uint32_t abi_version;          /* ...and its version */
    const char *core_usage;        /* core option lines for --help */
    const char *const *core_flags; /* core options without "=VALUE" */
    /* Consumes a core option other than --mem: 0 taken, 1 not one, -1 bad
     * (reported). */
    int (*core_option)(struct tender *t, const char *opt);
    /* --describe: prints what this tender holds (modules, hypercalls,
     * allowed syscalls) on stdout; NULL if the tender has no such option. */
    void (*describe)(void);
    /* Which module owns which options, for every module of this Kiln, linked
     * in or not: {NULL, NULL}-ended, or NULL for none. */
    const struct tender_option_owner *option_owners;
};

/* What every tender knows about the guest; a tender's own state embeds it.
 * Large tables last, so a run touches few of its pages. */
struct tender {
    const struct tender_desc *desc;
    const char *kernel;  /* KERNEL operand escaped (kernel_shown): messages */
    struct mft *mft;     /* the manifest, mutated as devices attach */
    size_t mft_size;     /* bytes of manifest */
    uint64_t mem_size;   /* --mem in bytes (default 512 MiB) */
    struct waitset ws;   /* the timer and every attached tap */
    struct elf_file elf; /* KERNEL's checked headers; elf.fd stays open */
    char cmdline[TENDER_CMDLINE_SIZE];      /* ARGS joined with spaces */
    struct mft_store mft_store;             /* KERNEL's manifest note */
    char kernel_shown[TENDER_ESCAPED_SIZE]; /* what kernel points at */
};

/*
 * The start every tender shares: keeps fds 0-2 open, finds KERNEL (acting
 * on --help, --version and --describe), opens and checks it (ELF headers,
 * the ABI note for desc, the manifest, a linked module for each declared
 * device), hands each option to --mem, the core or a module, joins ARGS
 * into t->cmdline and creates t->ws. Any error is one line on stderr and
 * exit 1.
 */
void tender_init(struct tender *t, const struct tender_desc *desc, int argc,
                 char **argv);

/* Prints the usage of the tender and every module to stderr, exits 1. */
void tender_usage(const struct tender *t) __attribute__((noreturn));

/* Exits 1, naming each one, if a declared device (an entry whose type is
 * below MFT_RESERVED_FIRST) is not attached. */
void tender_check_attached(const struct tender *t);

/* Copies name into buf (size bytes) with control and non-ASCII bytes shown
 * as \xHH, so a crafted manifest cannot drive the terminal; returns buf. */
const char *tender_escape(const char *name, char *buf, size_t size);

/* Room for any manifest name escaped by tender_escape. */
#define TENDER_ESCAPED_NAME_SIZE (4 * MFT_NAME_MAX + 1)

#endif /* KILN_COMMON_H */
