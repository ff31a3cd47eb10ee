#!/bin/sh
# With a net device but --no-net-ring the ring is not offered (host_features 0, net_ring
# 0) and a kick (4-byte OUT to 0x600) is an invalid port access, exit 1.
. "$(dirname "$0")/../lib.sh"
net_setup
img "$KILN_TMP/disk" 65536
hvt_run_ns --no-net-ring --block:storage="$KILN_TMP/disk" --net:service0=tap100 -- \
    "$KILN_GUEST/evil_net.hvt" ring-none , outl 0x600 0
expect_status 1 "evil: no ring offered"
expect_no_text SUCCESS
expect_line "solo5-hvt: Invalid guest port access: port=0x600, rip=0x[0-9a-f]+"
