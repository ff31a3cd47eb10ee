#!/bin/sh
# A guest that submits a bad ring entry and halts at once: the host still serves (and
# refuses) it before exiting, "Invalid guest access" and exit 1, not the guest's status.
. "$(dirname "$0")/../lib.sh"
net_setup
img "$KILN_TMP/disk" 65536
hvt_run_ns --block:storage="$KILN_TMP/disk" --net:service0=tap100 -- \
    "$KILN_GUEST/evil_net.hvt" ring-check , rsub 2 2 0xffffffff00000000 2048 7 , halt 0 0
expect_status 1 "evil: ring offered at"
expect_line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=0xffffffff00000000, sz=2048"
