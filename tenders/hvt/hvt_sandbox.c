/* solo5-hvt sandbox: the tender's own allowlist, installed before KVM_RUN. */
#include "hvt.h"

#include <sys/syscall.h>

/*
 * Everything the tender may do once the guest runs: what the core's and the
 * modules' hypercalls need (pinned to their descriptors, lengths and
 * offsets), then what every run needs; sealed for sandbox_install.
 */
void hvt_sandbox_rules(struct hvt *h)
{
    struct sandbox *sb = &h->sb;

    hvt_calls_rules(h);
    tender_modules_rules(&h->t, sb);
    /* Fatal conditions print one line on stderr... */
    sandbox_allow(sb, SYS_write, 1, 0u, SANDBOX_EQ, (uint64_t)2);
    /* ...and the tender exits (HALT does too). */
    sandbox_allow(sb, SYS_exit_group, 0);
    hvt_vm_sandbox(h, sb);
    sandbox_seal(sb);
}
