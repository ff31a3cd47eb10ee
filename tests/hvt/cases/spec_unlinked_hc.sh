#!/bin/sh
# A hypercall of a module a tender was built without is no hypercall there:
# "Invalid guest hypercall: num=N", exit 1 (BLOCK_* are 4 and 5, NET_* 6 and 7).
. "$(dirname "$0")/../lib.sh"
try() {
    HVT=$KILN_TENDERS/$1
    hvt_run_mem 8 "$KILN_GUEST/evil_nodev.hvt" hc "$2" buf
    expect_status 1
    expect_no_text "evil: hypercall returned"
    expect_line "solo5-hvt: Invalid guest hypercall: num=$2"
}
for nr in 4 5 6 7; do try solo5-hvt-hello $nr; done
for nr in 4 5; do try solo5-hvt-net $nr; done
for nr in 6 7; do try solo5-hvt-blk $nr; done
# What the console tender does link still works.
HVT=$KILN_TENDERS/solo5-hvt-hello
hvt_run_mem 8 "$KILN_GUEST/evil_nodev.hvt" hc 1 buf
expect_text "evil: hypercall returned"
