#!/bin/sh
# Two taps and a block device interleaved in the manifest: handles are the manifest
# indices and all three work at once; the guest stamps block 0 with the reply count.
. "$(dirname "$0")/../lib.sh"
net_setup
n=$((500 / NET_SCALE))
f=$KILN_TMP/disk
img "$f" 1048576
hvt_bg "$KILN_TMP/log" --net:service1=tap101 --block:storage="$f" \
    --net:service0=tap100 -- "$KILN_GUEST/mixed.hvt" "$n"
ping_ok 10.0.0.2 "$n" 56
ping_ok 10.1.0.2 "$n" 56
wait_hvt "$KILN_TMP/log"
expect_success
[ "$(byte "$f" 0)" -eq $((2 * n & 255)) ] || fail "block 0 does not hold the reply count"
