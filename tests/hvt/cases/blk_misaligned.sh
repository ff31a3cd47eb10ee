#!/bin/sh
# A 6 KiB image with 4096-byte sectors is refused.
. "$(dirname "$0")/../lib.sh"
f=$KILN_TMP/disk
img "$f" 6144
hvt_run --block:storage="$f" --block-sector-size:storage=4096 -- "$KILN_GUEST/blk.hvt"
expect_status 1 "Backing storage size must be block aligned"
