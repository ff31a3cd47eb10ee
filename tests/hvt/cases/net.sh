#!/bin/sh
# The guest answers ARP and pings of varied sizes on tap100 (10.0.0.2), none lost.
. "$(dirname "$0")/../lib.sh"
net_setup
n=$((2000 / NET_SCALE))
hvt_bg "$KILN_TMP/log" --net:service0=tap100 -- "$KILN_GUEST/net.hvt" $((4 * n))
for size in 0 56 1000 1472; do
    ping_ok 10.0.0.2 "$n" "$size"
done
wait_hvt "$KILN_TMP/log"
expect_success
expect_text "replies: $((4 * n))"
