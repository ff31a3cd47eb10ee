#!/bin/sh
# A triple fault (an IDT of limit 0 loaded with lidt, then ud2, a page fault, or int3)
# ends the guest: "KVM: unhandled exit" naming SHUTDOWN, exit 1. (kvm-pvm reports int3
# with no IDT as an emulation failure; that is accepted for int3 only.)
. "$(dirname "$0")/../lib.sh"
shutdown='solo5-hvt: KVM: unhandled exit: exit_reason=0x8 \(SHUTDOWN \(triple fault\)\), rip=0x[0-9a-f]+'
for how in ud2 pf int3; do
    hvt_run_mem 8 "$KILN_GUEST/evil_nodev.hvt" triple $how
    expect_status 1 "evil: loading an empty IDT, then $how"
    expect_no_text SUCCESS
    expect_no_text "Solo5: trap"
    if [ $how = int3 ]; then
        expect_line "($shutdown|solo5-hvt: KVM: internal error exit: suberror=0x1, rip=0x[0-9a-f]+)"
    else
        expect_line "$shutdown"
    fi
done
