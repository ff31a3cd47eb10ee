#!/bin/sh
# Hypercall 0 is reserved: an OUT to port 0x500 ends the guest with "Invalid guest
# hypercall: num=0" and exit 1, whatever its argument.
. "$(dirname "$0")/../lib.sh"
img "$KILN_TMP/disk" 65536
for gpa in buf top; do
    evil_run hc 0 $gpa
    expect_status 1
    expect_no_text "evil: hypercall returned"
    expect_line "solo5-hvt: Invalid guest hypercall: num=0"
done
