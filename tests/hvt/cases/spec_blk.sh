#!/bin/sh
# The tender made for the block guest (core and block) passes the block case.
KILN_HVT_TENDER=$KILN_TENDERS/solo5-hvt-blk
. "$(dirname "$0")/blk.sh"
