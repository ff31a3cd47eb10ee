#!/bin/sh
# zlib round trip on hvt: a file on the disk is compressed by the guest, and what it wrote
# inflates, with gzip's inflater rather than zlib's, to exactly that file (tests/lib/zlib.sh).
. "$(dirname "$0")/../lib.sh"
. "$HVT_LIB_DIR/../lib/zlib.sh"
f=$KILN_TMP/file
# Text, then binary bytes (the tender's own): some 300 KB.
{ seq 1 40000; head -c 65536 "$KILN_BIN/solo5-hvt"; } >"$f"
zlib_disk "$f" "$KILN_TMP/disk"
hvt_run --block:storage="$KILN_TMP/disk" -- "$KILN_GUEST/zlib_roundtrip.hvt"
expect_success
size=$(wc -c <"$f" | tr -d ' ')
expect_line "zlib-roundtrip: level 9: $size bytes -> [0-9]+ bytes at offset 4194816, crc32 [0-9a-f]{8}, adler32 [0-9a-f]{8}"
crc=$(printf '%s\n' "$output" | sed -n 's/.*, crc32 \([0-9a-f]*\),.*/\1/p')
why=$(zlib_stream "$KILN_TMP/disk" "$KILN_TMP/z") || fail "$why"
why=$(zlib_gunzip_check "$KILN_TMP/z" "$f" "$crc") || fail "$why"
echo "the $(wc -c <"$KILN_TMP/z" | tr -d ' ')-byte stream on the disk inflates to the $size-byte file"
[ "$(stat -c %s "$KILN_TMP/disk")" -eq 8388608 ] || fail "the image changed size"
