#!/bin/sh
# With --no-net-ring the tender offers no ring and the guest's pings go through the
# NET_READ/NET_WRITE hypercalls, none lost.
. "$(dirname "$0")/../lib.sh"
net_setup
n=$((2000 / NET_SCALE))
hvt_bg "$KILN_TMP/log" --no-net-ring --net:service0=tap100 -- "$KILN_GUEST/net.hvt" $((2 * n))
for size in 56 1472; do
    ping_ok 10.0.0.2 "$n" "$size"
done
wait_hvt "$KILN_TMP/log"
expect_success
expect_text "replies: $((2 * n))"
