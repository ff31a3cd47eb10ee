#!/bin/sh
# NET_READ into the image's code or read-only data is refused (exit 1, "write to
# read-only memory"); NET_READ into the ring area and NET_WRITE of a frame straddling the
# end of guest memory or lying in the ring are refused too (exit 1, the exact message).
. "$(dirname "$0")/../lib.sh"
denied() {
    expect_status 1
    expect_no_text SUCCESS
    expect_line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=$1, sz=$2${3-}"
}
at() {
    m=$(printf '%s\n' "$output" | sed -n 's/^evil: mem_size=\(0x[0-9a-f]*\) .*/\1/p')
    [ -n "$m" ] || fail "the guest did not print its mem_size"
    printf '0x%x' $((m + $1))
}
ro=' \(write to read-only memory\)'
net_setup
img "$KILN_TMP/disk" 65536
evil() {
    hvt_run_ns --block:storage="$KILN_TMP/disk" --net:service0=tap100 -- \
        "$KILN_GUEST/evil_net.hvt" "$@"
}
evil netread 2 text 2048
denied 0x100000 2048 "$ro"
evil netread 2 msg 1514
denied '0x[0-9a-f]+' 1514 "$ro"
evil netread 2 ring 1514
denied "$(at 0)" 1514
evil netwrite 2 ms-30 60
denied "$(at -30)" 60
evil netwrite 2 ring 60
denied "$(at 0)" 60
