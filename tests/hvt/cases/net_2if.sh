#!/bin/sh
# Two interfaces at once: pings on tap100 (10.0.0.2) and tap101 (10.1.0.2) together.
. "$(dirname "$0")/../lib.sh"
net_setup
n=$((3000 / NET_SCALE))
hvt_bg "$KILN_TMP/log" --net:service0=tap100 --net:service1=tap101 -- \
    "$KILN_GUEST/net_2if.hvt" "$n"
ping_ok 10.0.0.2 "$n" 100 &
p1=$!
ping_ok 10.1.0.2 "$n" 200
wait "$p1" || fail "the pings on tap100 failed"
wait_hvt "$KILN_TMP/log"
expect_success
expect_text "replies: $n $n"
