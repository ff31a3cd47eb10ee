/* solo5-hvt entry: command line, guest memory, devices, sandbox, run. */
#include "hvt.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int core_option(struct tender *t, const char *opt)
{
    (void)t;
    (void)opt;
    return 1;
}

static const struct tender_desc hvt_desc = {
    .prog = "solo5-hvt",
    .abi_target = ABI1_TARGET_HVT,
    .abi_version = HVT_ABI_VERSION,
    .core_usage = "    (hvt rounds --mem down to a multiple of 2 MiB, at most "
                  "4096)\n"
                  "    --describe (print modules, hypercalls and allowed "
                  "syscalls, then exit)\n",
    .core_option = core_option,
    .describe = hvt_describe,
};

/* Async-signal-safe: "solo5-hvt: Exiting on signal N", then exit 1. */
static void on_signal(int sig)
{
    char msg[] = "solo5-hvt: Exiting on signal NN\n";
    size_t at = sizeof "solo5-hvt: Exiting on signal " - 1;

    msg[at] = (char)('0' + sig / 10 % 10);
    msg[at + 1] = (char)('0' + sig % 10);
    if (sig < 10) {
        msg[at] = msg[at + 1];
        msg[at + 1] = '\n';
        msg[at + 2] = '\0';
    }
    if (write(2, msg, strlen(msg)) < 0) {
        /* exiting anyway */
    }
    _exit(1);
}

static void signals_init(void)
{
    struct sigaction sa = {.sa_handler = on_signal};

    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

int main(int argc, char **argv)
{
    /* Static, not on the stack: zero without a memset, and only the pages
     * a run uses are touched. */
    static struct hvt h;

    tender_init(&h.t, &hvt_desc, argc, argv);
    signals_init();
    hvt_mem_init(&h);
    hvt_vm_create(&h);
    close(h.t.elf.fd);
    hvt_core_setup(&h);
    tender_modules_setup(&h.t);
    tender_check_attached(&h.t);
    hvt_boot_info_init(&h, hvt_vm_tsc_freq(&h));
    hvt_vcpu_boot(&h, h.img.entry, h.mem_size - 8, HVT_BOOT_INFO_BASE);
    hvt_sandbox_rules(&h);
    hvt_sandbox_install(&h);
    hvt_vcpu_run(&h);
}
