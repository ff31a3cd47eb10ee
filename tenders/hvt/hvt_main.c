/* solo5-hvt entry: command line, guest memory, devices, sandbox, run. */
#include "hvt.h"

#include <time.h>
#include <unistd.h>

static const struct tender_desc hvt_desc = {
    .prog = "solo5-hvt",
    .abi_target = ABI1_TARGET_HVT,
    .abi_version = HVT_ABI_VERSION,
    .core_usage = "    (hvt rounds --mem down to a multiple of 2 MiB, at most "
                  "4096)\n"
                  "    --describe (print modules, hypercalls and allowed "
                  "syscalls, then exit)\n",
    .describe = hvt_describe,
    .option_owners = hvt_option_owners,
};

/* Notes that start-up phase p ended (the vDSO's clock: no system call). */
static void phase_end(struct hvt *h, enum hvt_phase p)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    h->phase_ns[p] = (uint64_t)ts.tv_sec * 1000000000U + (uint64_t)ts.tv_nsec;
}

int main(int argc, char **argv)
{
    /* Static, not on the stack: zero without a memset, and only the pages
     * a run uses are touched. */
    static struct hvt h;

    phase_end(&h, HVT_PHASE_MAIN);
    tender_init(&h.t, &hvt_desc, argc, argv);
    tender_signals_init(hvt_desc.prog);
    phase_end(&h, HVT_PHASE_ELF);
    hvt_mem_init(&h);
    close(h.t.elf.fd);
    phase_end(&h, HVT_PHASE_MEMORY);
    /* All that needs no VM comes first: work done while the VM exists costs
     * more than its own time (docs/hvt.md). */
    hvt_vm_open(&h);
    hvt_core_setup(&h);
    tender_modules_setup(&h.t);
    tender_check_attached(&h.t);
    phase_end(&h, HVT_PHASE_SETUP);
    hvt_sandbox_rules(&h);
    phase_end(&h, HVT_PHASE_SANDBOX);
    hvt_vm_create(&h);
    hvt_boot_info_init(&h);
    hvt_vcpu_boot(&h, h.img.entry, h.mem.size - 8, HVT_BOOT_INFO_BASE);
    /* On every thread: the net ring's already runs. */
    sandbox_install(true);
    phase_end(&h, HVT_PHASE_KVM);
    h.started = true;
    hvt_vcpu_run(&h);
}
