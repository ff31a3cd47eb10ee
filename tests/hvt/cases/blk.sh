#!/bin/sh
# A 4 MiB zero image, 512-byte sectors: every block written and read back, bad requests
# refused; the patterns are on disk and the file never grew.
. "$(dirname "$0")/../lib.sh"
f=$KILN_TMP/disk
img "$f" 4194304
hvt_run --block:storage="$f" -- "$KILN_GUEST/blk.hvt"
expect_success
expect_text "capacity 4194304 block size 512"
blk_on_disk "$f" 512
[ "$(stat -c %s "$f")" -eq 4194304 ] || fail "the image changed size"
