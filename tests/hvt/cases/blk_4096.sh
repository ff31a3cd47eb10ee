#!/bin/sh
# The same with --block-sector-size:storage=4096.
. "$(dirname "$0")/../lib.sh"
f=$KILN_TMP/disk
img "$f" 4194304
hvt_run --block:storage="$f" --block-sector-size:storage=4096 -- "$KILN_GUEST/blk.hvt"
expect_success
expect_text "capacity 4194304 block size 4096"
blk_on_disk "$f" 4096
[ "$(stat -c %s "$f")" -eq 4194304 ] || fail "the image changed size"
