#!/bin/sh
# A guest executing HLT (interrupts off, nothing to wake it) is ended: "KVM: unhandled
# exit" naming HLT, exit 1.
. "$(dirname "$0")/../lib.sh"
hvt_run_mem 8 "$KILN_GUEST/evil_nodev.hvt" hlt
expect_status 1
expect_no_text SUCCESS
expect_line "solo5-hvt: KVM: unhandled exit: exit_reason=0x5 \(HLT\), rip=0x[0-9a-f]+"
