#!/bin/sh
# BLOCK_READ into the image's code, its read-only data or across the end of it is refused
# (exit 1, "write to read-only memory"); BLOCK_WRITE from code only reads it, and the
# disk then holds the image's first code bytes.
. "$(dirname "$0")/../lib.sh"
denied_ro() {
    expect_status 1
    expect_no_text SUCCESS
    expect_line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=$1, sz=$2 \(write to read-only memory\)"
}
img "$KILN_TMP/disk" 65536
evil_run blkread 1 0 text 512
denied_ro 0x100000 512
evil_run blkread 1 0 msg 512
denied_ro '0x[0-9a-f]+' 512
evil_run blkread 1 0 erodata-256 512
denied_ro '0x[0-9a-f]+' 512
evil_run blkwrite 1 0 text 512 =0
expect_success
# The file bytes of the segment loaded at 0x100000 (first PT_LOAD) are now block 0.
k=$KILN_GUEST/evil.hvt
phoff=$(u64 "$k" 32)
i=0
while [ "$(u32 "$k" $((phoff + 56 * i)))" -ne 1 ]; do i=$((i + 1)); done
[ "$(u64 "$k" $((phoff + 56 * i + 16)))" -eq 1048576 ] || fail "first PT_LOAD not at 0x100000"
dd if="$k" of="$KILN_TMP/text" bs=512 skip=$(($(u64 "$k" $((phoff + 56 * i + 8))) / 512)) \
    count=1 2>/dev/null
dd if="$KILN_TMP/disk" of="$KILN_TMP/block0" bs=512 count=1 2>/dev/null
cmp "$KILN_TMP/text" "$KILN_TMP/block0" || fail "block 0 does not hold the code"
