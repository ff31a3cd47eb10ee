#!/bin/sh
# A sector size below 512 (256, on a 256-byte image) is refused.
. "$(dirname "$0")/../lib.sh"
f=$KILN_TMP/disk
img "$f" 256
hvt_run --block:storage="$f" --block-sector-size:storage=256 -- "$KILN_GUEST/blk.hvt"
expect_status 1 "Block size must be"
