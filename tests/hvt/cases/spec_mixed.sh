#!/bin/sh
# The tender made for the mixed guest (core, block and net) passes the mixed case.
KILN_HVT_TENDER=$KILN_TENDERS/solo5-hvt-mixed
. "$(dirname "$0")/mixed.sh"
