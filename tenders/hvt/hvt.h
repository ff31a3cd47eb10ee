/* solo5-hvt internals: tender state, hypercalls, backend and CPU hooks. */
#ifndef KILN_HVT_H
#define KILN_HVT_H

#include "common.h"
#include "hvt_abi.h"

/* Everything solo5-hvt knows about its guest. */
/* Start-up phases, in order: hvt_main.c notes when each ended (CLOCK_MONOTONIC
 * ns; MAIN: when main began) for --stats (hvt_module_trace.c). */
enum hvt_phase {
    HVT_PHASE_MAIN,    /* main entered */
    HVT_PHASE_ELF,     /* command line, KERNEL's ELF headers and manifest */
    HVT_PHASE_MEMORY,  /* guest memory mapped, the ELF loaded, page tables */
    HVT_PHASE_SETUP,   /* /dev/kvm asked, modules' setup */
    HVT_PHASE_SANDBOX, /* the allowlist built and compiled */
    HVT_PHASE_KVM,     /* VM, vCPU, boot info, registers, allowlist in */
    HVT_PHASES
};

struct hvt {
    struct tender t;      /* first: modules get &t and convert back */
    struct guest_mem mem; /* what the guest may name: GPA [0, mem.size) at
                             mem.host (boot info mem_size) */
    uint64_t alloc_size;  /* bytes mapped at GPA 0: mem.size, then what the
                             modules' reserve hooks keep at the top */
    struct elf_image img;
    unsigned nro; /* the image's read-only segments: the tender never */
    struct {      /* writes there for the guest (host pages are RO) */
        uint64_t start, end;
    } ro[ELF_MAX_PHNUM];
    int vm_fd;            /* the backend's VM handle (KVM: the VM fd) */
    int vcpu_fd;          /* the backend's vCPU handle, pinned by the sandbox */
    void *vcpu_page;      /* the backend's page shared with the vCPU (KVM:
                             struct kvm_run), for hvt_module_vcpu.h */
    uint64_t tsc_freq;    /* the guest's TSC frequency (Hz), for boot info */
    bool started;         /* the guest has run: set before the first KVM_RUN */
    uint64_t halt_cookie; /* HALT's checked cookie (a trap frame), or 0 */
    struct sandbox sb;    /* what the tender may do once the guest runs */
    uint64_t phase_ns[HVT_PHASES]; /* when each start-up phase ended */
};

/* The hvt that embeds t. */
static inline struct hvt *hvt_of(struct tender *t)
{
    return (struct hvt *)(void *)t;
}

/* Which module owns which options, for every module of this Kiln: generated
 * by the Makefile from the modules' TENDER_MODULE_OPTIONS (kit object
 * core/hvt_option_owners.o). */
extern const struct tender_option_owner hvt_option_owners[];

/* ---- core (hvt_core.c) ---- */

/* Prints "solo5-hvt: <msg>" on stderr and ends the guest (hvt_end, fatal);
 * alone in its file so that a fuzzer can link one that longjmps back. */
void hvt_die(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));

/* Ends the tender with status: once, every module's exit hook first (only
 * after hvt_core_setup); fatal says the guest did not exit by itself. */
void hvt_end(int status, bool fatal) __attribute__((noreturn));

/*
 * The one way to reach guest memory for the guest: the host address of
 * guest range [gpa, gpa + len), which must lie inside h->mem without
 * wrapping, start on a multiple of align and, if the tender will write it,
 * lie outside read-only segments. Otherwise the guest is ended with
 * "file:line: Invalid guest access".
 */
void *hvt_gpa(const struct hvt *h, uint64_t gpa, uint64_t len, uint64_t align,
              bool write, const char *file, int line);

/* A guest buffer: any alignment. */
#define HVT_GPA(h, gpa, len, write)                                            \
    hvt_gpa((h), (gpa), (len), 1, (write), __FILE__, __LINE__)

/* A hypercall argument struct: 8-byte aligned, as the ABI says. */
#define HVT_ARG(h, gpa, len, write)                                            \
    hvt_gpa((h), (gpa), (len), 8, (write), __FILE__, __LINE__)

/* Handles the hypercall whose argument struct is at guest address gpa. */
typedef void (*hvt_hypercall_fn)(struct hvt *h, uint64_t gpa);

/* A hypercall handler linked into the tender. */
struct hvt_hypercall_entry {
    unsigned nr;      /* HVT_HYPERCALL_<name> */
    const char *name; /* "BLOCK_READ" */
    hvt_hypercall_fn fn;
};

/* Links FN into the tender's hypercall table as HVT_HYPERCALL_<NAME>: the
 * table is the section "hvt_hypercalls", one entry per handler linked in,
 * so a tender without a module has none of its hypercalls. */
#define HVT_HYPERCALL(NAME, FN)                                                \
    static const struct hvt_hypercall_entry hvt_hypercall_##NAME               \
        __attribute__((section("hvt_hypercalls"), used, aligned(8))) = {       \
            HVT_HYPERCALL_##NAME, #NAME, FN}

/* The linked-in table: *n entries in link order. */
const struct hvt_hypercall_entry *hvt_hypercalls_linked(unsigned *n);

/* Makes the linked handler of hypercall nr reachable by the guest (a module
 * does this once its devices attach); exits 1 if nr is not linked in or
 * already reachable. */
void hvt_hypercall_enable(unsigned nr);

/* Number of hypercalls the guest can reach now. */
unsigned hvt_hypercall_count(void);

/* Runs hypercall nr (from the backend's vCPU loop); an unregistered nr ends
 * the guest with "Invalid guest hypercall". */
void hvt_hypercall(struct hvt *h, unsigned nr, uint64_t gpa);

/* Sizes guest memory from --mem, maps it and keeps at the top what the
 * modules' reserve hooks ask for; then loads KERNEL with host protections
 * per segment. */
void hvt_mem_init(struct hvt *h);

/* Writes boot info (with every module's boot_info hook), manifest copy and
 * command line to guest low memory. */
void hvt_boot_info_init(struct hvt *h);

/* Enables HALT and the always-present calls of hvt_calls.c (WALLTIME, PUTS,
 * POLL); from here on hvt_end runs the modules' exit hooks on h. */
void hvt_core_setup(struct hvt *h);

/* ---- always-present hypercalls (hvt_calls.c) ---- */

/* Adds to h->sb the syscalls WALLTIME, PUTS and POLL make. */
void hvt_calls_rules(struct hvt *h);

/* ---- architecture (hvt_cpu_<arch>.c): pure, unit-tested without a VM ---- */

/* Writes the boot GDT and the identity page tables for alloc_size bytes into
 * guest low memory (through all, which covers all of it): 0, or -1. */
int hvt_cpu_setup_memory(const struct guest_mem *all, uint64_t alloc_size);

/* ---- hypervisor backend (hvt_<backend>_<arch>.c) ---- */

/* Opens the hypervisor and asks it all that needs no VM yet (API version,
 * capabilities, CPUID); sets h->vcpu_fd to the number the vCPU will have,
 * held until then, so the allowlist can pin it first. Exits 1 with the
 * reason on failure. */
void hvt_vm_open(struct hvt *h);

/* Creates the VM over h's guest memory with one vCPU at h->vcpu_fd and
 * reads the guest's TSC frequency into h->tsc_freq; exits 1 with the reason
 * on failure (a host that cannot say the frequency too). */
void hvt_vm_create(struct hvt *h);

/* Sets the vCPU's boot state: entry point, stack pointer, first argument. */
void hvt_vcpu_boot(struct hvt *h, uint64_t entry, uint64_t sp, uint64_t arg);

/* Adds what the running vCPU loop needs (KVM_RUN on h->vcpu_fd) to sb. */
void hvt_vm_sandbox(const struct hvt *h, struct sandbox *sb);

/* Runs the guest until it halts (the tender exits with its status) or
 * something fatal happens (one line naming the exit and RIP, exit 1). */
void hvt_vcpu_run(struct hvt *h) __attribute__((noreturn));

/* ---- tracing: what the trace module hooks (hvt_module_trace.c) ---- */

/* An observer of hypercalls and VM exits; hvt_tracer is NULL when no one
 * watches, and the core and backend test it before anything else. */
struct hvt_tracer {
    /* Runs hypercall nr's handler fn on gpa (the core checked nr). */
    void (*hypercall)(struct hvt *h, unsigned nr, uint64_t gpa,
                      hvt_hypercall_fn fn);
    /* The vCPU is about to enter the guest. */
    void (*run)(void);
    /* ...and came back with an exit of kind name ("IO", "HLT"). */
    void (*exit)(const char *name);
};

/* The tracer the core and the vCPU loop report to, or NULL (hvt_core.c). */
extern const struct hvt_tracer *hvt_tracer;

/* ---- debugging: the hook the gdb module sets (the vCPU: hvt_module_vcpu.h) */

/* Why the vCPU stopped for a debugger. */
enum hvt_debug_event {
    HVT_DEBUG_START, /* before the guest's first instruction */
    HVT_DEBUG_HLT,   /* a HLT exit: a software breakpoint, or the guest's */
    HVT_DEBUG_TRAP,  /* a debug exit: single step, hardware breakpoint */
};

/* A debugger on the vCPU loop (hvt_module_gdb.c sets it at setup). */
struct hvt_debugger {
    /* The vCPU stopped (status: the debug status of a trap, DR6 on
     * x86_64); returns when the guest may go on, or false if the stop is
     * not the debugger's (a HLT it did not plant): the core handles it. */
    bool (*stop)(struct hvt *h, enum hvt_debug_event ev, uint64_t status);
};

/* The debugger the vCPU loop reports to, or NULL (hvt_<backend>_<arch>.c). */
extern const struct hvt_debugger *hvt_debugger;

/* ---- sandbox (hvt_sandbox.c) ---- */

/* Fills h->sb: the core's hypercalls, every module's devices, errors,
 * exit and the vCPU loop; then seals it (sandbox_seal). */
void hvt_sandbox_rules(struct hvt *h);

/* ---- what this tender holds (hvt_describe.c) ---- */

/* --describe: modules, the device-type table, linked hypercalls and the
 * syscalls the allowlist holds with one device per linked module, computed
 * by the rule functions a run uses; on stdout. */
void hvt_describe(void);

#endif /* KILN_HVT_H */
