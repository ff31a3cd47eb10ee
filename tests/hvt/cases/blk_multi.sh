#!/bin/sh
# Requests of many blocks (spec 10.1), at 512 and 4096 bytes: the blk_multi guest writes
# and reads back the whole 3 MiB + 20 KiB device with requests from one block to 1 MiB,
# gets EINVAL for zero, unaligned, above-maximum and crossing-the-end requests, and
# flush returns what the tender offers (FLUSH: "ok"; a tender without it: "unspec");
# every byte of the file holds the final pattern and the file never grew.
# KILN_BLK_FLUSH: what flush must return (default ok).
. "$(dirname "$0")/../lib.sh"
f=$KILN_TMP/disk
size=$(((3 << 20) + 5 * 4096))
flush=${KILN_BLK_FLUSH:-ok}
for bs in 512 4096; do
    img "$f" $size
    hvt_run --block:storage="$f" --block-sector-size:storage=$bs -- \
        "$KILN_GUEST/blk_multi.hvt" "$flush"
    expect_success
    expect_text "capacity $size block size $bs max request 1048576"
    expect_text "passes 9 from $bs to 1048576 bytes"
    [ "$flush" = ok ] && expect_text "flush OK"
    [ "$flush" = unspec ] && expect_text "flush EUNSPEC"
    why=$("$KILN_TOOLS/blkmulti" "$f") || fail "bs $bs: $why"
    [ "$(stat -c %s "$f")" -eq $size ] || fail "the image changed size"
    echo "bs $bs: $why"
done
