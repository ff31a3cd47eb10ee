#!/bin/sh
# A sector size that is not a power of two (521, on a 1563-byte image) is refused.
. "$(dirname "$0")/../lib.sh"
f=$KILN_TMP/disk
img "$f" 1563
hvt_run --block:storage="$f" --block-sector-size:storage=521 -- "$KILN_GUEST/blk.hvt"
expect_status 1 "Block size must be"
