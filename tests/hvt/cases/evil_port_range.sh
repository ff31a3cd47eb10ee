#!/bin/sh
# A 4-byte OUT outside [0x500, 0x50a) is refused: 0x50a (hypercall 10, the exclusive
# bound), 0x4ff, 0x80 and 0xffff give "Invalid guest port access" naming the port, exit 1.
. "$(dirname "$0")/../lib.sh"
for port in 0x50a 0x4ff 0x80 0xffff; do
    hvt_run_mem 8 "$KILN_GUEST/evil_nodev.hvt" outl $port 0x100000
    expect_status 1
    expect_no_text SUCCESS
    expect_line "solo5-hvt: Invalid guest port access: port=$port, rip=0x[0-9a-f]+"
done
