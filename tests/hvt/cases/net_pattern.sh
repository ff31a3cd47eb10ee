#!/bin/sh
# Payloads survive the round trip intact over the ring and over the hypercalls: pings
# carrying the pattern deadbeef come back byte for byte (ping reports any wrong byte).
. "$(dirname "$0")/../lib.sh"
net_setup
n=$((1000 / NET_SCALE))
for ring in "" --no-net-ring; do
    hvt_bg "$KILN_TMP/log" $ring --net:service0=tap100 -- "$KILN_GUEST/net.hvt" "$n"
    out=$(in_ns timeout 120 ping -i 0.002 -c "$n" -s 1400 -p deadbeef -W 10 10.0.0.2 2>&1) ||
        fail "ping${ring:+ $ring}: $(printf '%s\n' "$out" | tail -n 3)"
    case $out in *"wrong data"* | *"corrupted"*) fail "a payload came back changed: $out" ;; esac
    case $out in
    *"$n packets transmitted, $n received, 0% packet loss"*) ;;
    *) fail "ping${ring:+ $ring}: $(printf '%s\n' "$out" | tail -n 3)" ;;
    esac
    wait_hvt "$KILN_TMP/log"
    expect_success
    echo "ping -p deadbeef${ring:+ $ring}: $n x 1400 bytes intact"
done
