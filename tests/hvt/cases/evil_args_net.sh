#!/bin/sh
# NET_READ and NET_WRITE structs at the last byte of guest memory, straddling its end
# (into the ring area, which is mapped but not the guest's to name), past it and at
# 0xffffffff are refused (exit 1, the exact message); ones that exactly fit are served.
# A PUTS struct straddling into the ring is refused too.
. "$(dirname "$0")/../lib.sh"
denied() {
    expect_status 1
    expect_no_text SUCCESS
    expect_line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=$1, sz=$2"
}
# at OFFSET: mem_size (as the guest printed it) plus OFFSET, in hex.
at() {
    m=$(printf '%s\n' "$output" | sed -n 's/^evil: mem_size=\(0x[0-9a-f]*\) .*/\1/p')
    [ -n "$m" ] || fail "the guest did not print its mem_size"
    printf '0x%x' $((m + $1))
}
net_setup
img "$KILN_TMP/disk" 65536
evil() {
    hvt_run_ns --block:storage="$KILN_TMP/disk" --net:service0=tap100 -- \
        "$KILN_GUEST/evil_net.hvt" "$@"
}
for call in netread netwrite; do
    evil at $call last
    denied "$(at -1)" 32
    evil at $call straddle
    denied "$(at -16)" 32
    evil at $call past
    denied "$(at 0)" 32
    evil at $call top
    denied 0xffffffff 32
    evil at $call fit
    expect_success
    expect_text "evil: $call struct at $(at -32)"
    expect_line "evil: $call returned, ret=[01]"
done
evil at puts straddle
denied "$(at -8)" 16
