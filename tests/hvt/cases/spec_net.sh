#!/bin/sh
# The tender made for the net guest (core and net) passes the net case: pings, no loss.
KILN_HVT_TENDER=$KILN_TENDERS/solo5-hvt-net
. "$(dirname "$0")/net.sh"
