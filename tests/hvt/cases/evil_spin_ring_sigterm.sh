#!/bin/sh
# A spinning guest with the net ring offered (the ring thread asleep on its eventfd) is
# ended by SIGTERM too: "Exiting on signal 15", exit 1, nothing left running.
. "$(dirname "$0")/../lib.sh"
net_setup
img "$KILN_TMP/disk" 65536
hvt_signal 15 "evil: spinning" --mem="$HVT_MEM" --block:storage="$KILN_TMP/disk" \
    --net:service0=tap100 -- "$KILN_GUEST/evil_net.hvt" ring-check , spin
expect_text "evil: ring offered at"
