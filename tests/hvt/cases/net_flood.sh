#!/bin/sh
# A guest writing frames as fast as it can, over the ring and over the hypercalls, does
# not hurt the tender: every write is OK or dropped (EUNSPEC), the guest finishes.
. "$(dirname "$0")/../lib.sh"
net_setup
n=$((100000 / NET_SCALE))
hvt_run_ns --net:service0=tap100 -- "$KILN_GUEST/net_flood.hvt" $n
expect_success
expect_text "written: "
hvt_run_ns --no-net-ring --net:service0=tap100 -- "$KILN_GUEST/net_flood.hvt" $n
expect_success
expect_text "written: "
