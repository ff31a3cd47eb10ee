#!/bin/sh
# A guest writing its own code or read-only data (its page tables allow it, the host
# pages do not) is ended: "KVM: host/guest translation fault", exit 1.
. "$(dirname "$0")/../lib.sh"
for where in text msg; do
    hvt_run_mem 8 "$KILN_GUEST/evil_nodev.hvt" poke $where
    expect_status 1 "evil: writing to 0x"
    expect_no_text "the write went through"
    expect_line "solo5-hvt: KVM: host/guest translation fault: rip=0x[0-9a-f]+"
done
