#!/bin/sh
# With its own page tables mapping a guest-physical address above guest memory, a guest
# that writes, reads or jumps there is ended with the KVM exit named, exit 1: MMIO for a
# data access (the address may be given), the failed emulation for an instruction fetch.
. "$(dirname "$0")/../lib.sh"
for how in write read; do
    hvt_run_mem 8 "$KILN_GUEST/evil_nodev.hvt" mmio $how 0x20000000
    expect_status 1 "evil: own page tables loaded, touching 0x20000000"
    expect_no_text "evil: read"
    expect_line "solo5-hvt: KVM: unhandled exit: exit_reason=0x6 \(MMIO\)(, gpa=0x20000000)?, rip=0x[0-9a-f]+"
done
hvt_run_mem 8 "$KILN_GUEST/evil_nodev.hvt" mmio exec 0x20000000
expect_status 1 "evil: own page tables loaded, touching 0x20000000"
expect_line "solo5-hvt: KVM: [a-z ]+(exit)?: [^ ].*rip=0x20000000"
