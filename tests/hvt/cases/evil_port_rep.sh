#!/bin/sh
# A string OUT (rep outsl) to a hypercall port is refused at its first element, whatever
# its count (2 or 1) and whether or not EAX holds the value it sends: "Invalid guest port
# access" naming the port, exit 1, and no hypercall ran. KVM reports each element of a
# string OUT as an exit of its own with count 1, so the tender tells it from a hypercall
# by the value (EAX's) and the instruction at RIP (docs/hvt.md).
. "$(dirname "$0")/../lib.sh"
for eax in 0 roputs; do
    for n in 2 1; do
        hvt_run_mem 8 "$KILN_GUEST/evil_nodev.hvt" routs 0x502 $n $eax
        expect_status 1
        expect_no_text "PUTS of a read-only struct"
        expect_no_text "routs: left"
        expect_line "solo5-hvt: Invalid guest port access: port=0x502, rip=0x[0-9a-f]+"
    done
done
# A count of 0 sends nothing: no exit at all. The struct itself is fine: a plain OUT of
# its address is a PUTS.
hvt_run_mem 8 "$KILN_GUEST/evil_nodev.hvt" routs 0x502 0 roputs , outl 0x502 roputs
expect_success
expect_text "evil: routs: left 0x0"
[ "$(printf '%s\n' "$output" | grep -c 'PUTS of a read-only struct')" -eq 1 ] ||
    fail "not exactly one PUTS"
