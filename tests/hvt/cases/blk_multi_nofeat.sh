#!/bin/sh
# The blk_multi case on a tender that withholds the block features (features 0, as
# Solo5 v0.12's): the bindings split every request into single blocks and flush is
# EUNSPEC.
KILN_HVT_TENDER=$KILN_TENDERS/solo5-hvt-noblkfeat
KILN_BLK_FLUSH=unspec
. "$(dirname "$0")/blk_multi.sh"
