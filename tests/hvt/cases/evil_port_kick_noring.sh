#!/bin/sh
# Without a net device no ring is offered (boot info host_features 0, net_ring 0) and a
# kick (4-byte OUT to 0x600) is an invalid port access, exit 1.
. "$(dirname "$0")/../lib.sh"
hvt_run_mem 8 "$KILN_GUEST/evil_nodev.hvt" ring-none , outl 0x600 0
expect_status 1 "evil: no ring offered"
expect_no_text SUCCESS
expect_line "solo5-hvt: Invalid guest port access: port=0x600, rip=0x[0-9a-f]+"
