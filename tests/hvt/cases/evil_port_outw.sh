#!/bin/sh
# A 2-byte OUT to a hypercall port is not a hypercall: "Invalid guest port access" naming
# the port, exit 1.
. "$(dirname "$0")/../lib.sh"
for port in 0x500 0x502; do
    hvt_run_mem 8 "$KILN_GUEST/evil_nodev.hvt" outw $port
    expect_status 1
    expect_no_text SUCCESS
    expect_line "solo5-hvt: Invalid guest port access: port=$port, rip=0x[0-9a-f]+"
done
