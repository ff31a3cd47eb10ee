#!/bin/sh
# Ring entries are checked like hypercall buffers: a read into memory straddling the end
# of guest memory, a write of a frame lying in the ring itself, and a read above 4 GiB end
# the guest with "Invalid guest access" (exit 1), from the ring thread.
. "$(dirname "$0")/../lib.sh"
denied() {
    expect_status 1 "evil: ring offered at"
    expect_no_text SUCCESS
    expect_line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=$1, sz=$2"
}
at() {
    m=$(printf '%s\n' "$output" | sed -n 's/^evil: mem_size=\(0x[0-9a-f]*\) .*/\1/p')
    [ -n "$m" ] || fail "the guest did not print its mem_size"
    printf '0x%x' $((m + $1))
}
net_setup
img "$KILN_TMP/disk" 65536
# The guest waits after its submission: the ring thread must end it meanwhile.
evil() {
    hvt_run_ns --block:storage="$KILN_TMP/disk" --net:service0=tap100 -- \
        "$KILN_GUEST/evil_net.hvt" ring-check , "$@" , sleep 10000
}
evil rsub 2 2 ms-100 1514 7
denied "$(at -100)" 1514
evil rsub 1 2 ring 60 7
denied "$(at 0)" 60
evil rsub 2 2 0xffffffff00000000 2048 7
denied 0xffffffff00000000 2048
