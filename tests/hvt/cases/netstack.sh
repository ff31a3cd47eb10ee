#!/bin/sh
# The lwIP stack (net/) on hvt, over the net ring and with --no-net-ring: --ipv4 up before
# main, argv without it, pings of varied sizes and fragmented ones answered, none lost.
. "$(dirname "$0")/../lib.sh"
net_setup
n=$((1000 / NET_SCALE))
# stack_up LOG: waits (up to 60 s) until the guest's main runs.
stack_up() {
    for _ in $(seq 600); do
        grep -q "^serving for" "$1" && return 0
        kill -0 "$HVT_PID" 2>/dev/null || break
        sleep 0.1
    done
    fail "main did not start: $(cat "$1")"
}
for ring in "" --no-net-ring; do
    # shellcheck disable=SC2086
    hvt_bg "$KILN_TMP/log" $ring --net:service0=tap100 -- "$KILN_GUEST/netstack.hvt" \
        600 --ipv4=10.0.0.2/24 --ipv4-gateway=10.0.0.1
    stack_up "$KILN_TMP/log"
    for size in 56 1472; do
        ping_ok 10.0.0.2 "$n" "$size"
    done
    ping_ok 10.0.0.2 5 3000
    kill -TERM "$HVT_PID"
    wait_hvt "$KILN_TMP/log"
    expect_status 1 "solo5-hvt: Exiting on signal 15"
    expect_line "net: service0: 10.0.0.2/24 gateway 10.0.0.1 mtu 1500 \(static\)"
    expect_line "argc=2 \[600\]"
done
