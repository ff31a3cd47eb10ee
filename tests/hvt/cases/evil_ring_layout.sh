#!/bin/sh
# With a net device the ring is offered inside --mem, never beyond it: the top 52 KiB
# (the 49280-byte ring, page rounded) of an 8 MiB guest hold it, mem_size ends where
# it starts (host_features bit 0, net_ring == mem_size). A 2 MiB guest has no room
# for it: it is not offered (warning), and the hypercalls serve the device.
. "$(dirname "$0")/../lib.sh"
net_setup
img "$KILN_TMP/disk" 65536
HVT_MEM=8
hvt_run_ns --block:storage="$KILN_TMP/disk" --net:service0=tap100 -- \
    "$KILN_GUEST/evil_net.hvt" ring-check , kick
expect_success
at=$(printf '0x%x' $(((8 << 20) - 53248)))
expect_text "evil: mem_size=$at net_ring=$at host_features=0x1"
HVT_MEM=2
hvt_run_ns --block:storage="$KILN_TMP/disk" --net:service0=tap100 -- \
    "$KILN_GUEST/evil_net.hvt" ring-none
expect_success
expect_text "Not enough guest memory for ring allocation"
