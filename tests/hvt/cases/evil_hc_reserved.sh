#!/bin/sh
# Hypercall 0 is reserved: an OUT to port 0x500 ends the guest with "Invalid guest
# hypercall: num=0" and exit 1, whatever its argument.
. "$(dirname "$0")/../lib.sh"
line() { printf '%s\n' "$output" | grep -Eqx -- "$1" || fail "no line matching '$1'"; }
img "$KILN_TMP/disk" 65536
evil() { hvt_run_mem 8 --block:storage="$KILN_TMP/disk" -- "$KILN_GUEST/evil.hvt" "$@"; }
for gpa in buf top; do
    evil hc 0 $gpa
    expect_status 1
    expect_no_text "evil: hypercall returned"
    line "solo5-hvt: Invalid guest hypercall: num=0"
done
