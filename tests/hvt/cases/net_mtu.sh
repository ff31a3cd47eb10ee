#!/bin/sh
# The guest sees its tap's MTU: 9000 on tap102, 1500 on tap100.
. "$(dirname "$0")/../lib.sh"
net_setup
hvt_run_ns --net:service0=tap102 -- "$KILN_GUEST/net_mtu.hvt"
expect_success
expect_text "MTU is 9000"
hvt_run_ns --net:service0=tap100 -- "$KILN_GUEST/net_mtu.hvt"
expect_success
expect_text "MTU is 1500"
