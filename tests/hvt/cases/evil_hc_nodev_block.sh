#!/bin/sh
# BLOCK_WRITE (4) and BLOCK_READ (5) in a guest without a block device are not
# hypercalls: "Invalid guest hypercall: num=N" and exit 1.
. "$(dirname "$0")/../lib.sh"
for nr in 4 5; do
    hvt_run_mem 8 "$KILN_GUEST/evil_nodev.hvt" hc $nr buf
    expect_status 1
    expect_no_text "evil: hypercall returned"
    expect_line "solo5-hvt: Invalid guest hypercall: num=$nr"
done
