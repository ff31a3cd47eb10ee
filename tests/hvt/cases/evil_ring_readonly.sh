#!/bin/sh
# A ring read entry into the image's code, or straddling the end of its read-only data,
# is refused like the hypercall: exit 1, "write to read-only memory".
. "$(dirname "$0")/../lib.sh"
denied_ro() {
    expect_status 1 "evil: ring offered at"
    expect_no_text SUCCESS
    expect_line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=$1, sz=$2 \(write to read-only memory\)"
}
net_setup
img "$KILN_TMP/disk" 65536
evil() {
    hvt_run_ns --block:storage="$KILN_TMP/disk" --net:service0=tap100 -- \
        "$KILN_GUEST/evil_net.hvt" ring-check , "$@" , sleep 10000
}
evil rsub 2 2 text 1514 7
denied_ro 0x100000 1514
evil rsub 2 2 erodata-100 1514 7
denied_ro '0x[0-9a-f]+' 1514
