#!/bin/sh
# NET_WRITE (6) and NET_READ (7) in guests without a net device (one with a block device
# only, one with none) are not hypercalls: "Invalid guest hypercall: num=N" and exit 1.
. "$(dirname "$0")/../lib.sh"
img "$KILN_TMP/disk" 65536
for nr in 6 7; do
    hvt_run_mem 8 --block:storage="$KILN_TMP/disk" -- "$KILN_GUEST/evil.hvt" hc $nr buf
    expect_status 1
    expect_no_text "evil: hypercall returned"
    expect_line "solo5-hvt: Invalid guest hypercall: num=$nr"
    hvt_run_mem 8 "$KILN_GUEST/evil_nodev.hvt" hc $nr buf
    expect_status 1
    expect_line "solo5-hvt: Invalid guest hypercall: num=$nr"
done
