#!/bin/sh
# Requests of many blocks with buffers crossing the end of guest memory, wrapping around
# 2^64 (to 0 exactly or into low memory), at 0xffffffff, or, for reads, covering
# read-only memory (all of it, or from writable memory into code, or from read-only data
# out) are refused (exit 1, the exact message) and leave the disk as it was; a write
# from code and a request ending exactly at the end of memory are served.
. "$(dirname "$0")/../lib.sh"
denied() {
    expect_status 1
    expect_no_text SUCCESS
    expect_line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=$1, sz=$2${3-}"
    cmp "$KILN_TMP/disk" "$KILN_TMP/orig" || fail "a refused request changed the disk"
}
ro=' \(write to read-only memory\)'
head -c 65536 /dev/urandom >"$KILN_TMP/disk"
cp "$KILN_TMP/disk" "$KILN_TMP/orig"
evil_run multi
expect_success
mr=$(($(printf '%s\n' "$output" | sed -n 's/^evil: block max_request=//p')))
[ "$mr" -ge 65536 ] || fail "max_request $mr: the cases need 64 KiB requests"
for op in blkread blkwrite; do
    evil_run $op 1 0 ms-4096 8192
    denied 0x7ff000 8192
    evil_run $op 1 0 ms-0x8000 0x10000
    denied 0x7f8000 65536
    evil_run $op 1 0 ms 8192
    denied 0x800000 8192
    evil_run $op 1 0 top 8192
    denied 0xffffffff 8192
    evil_run $op 1 0 0xffffffffffff0000 0x10000
    denied 0xffffffffffff0000 65536
    evil_run $op 1 0 0xffffffffffffc000 0x8000
    denied 0xffffffffffffc000 32768
done
evil_run blkread 1 0 text 8192
denied 0x100000 8192 "$ro"
evil_run blkread 1 0 text-4096 8192
denied 0xff000 8192 "$ro"
evil_run blkread 1 0 erodata-4096 8192
denied '0x[0-9a-f]+' 8192 "$ro"
evil_run blkread 1 0 msg 0x10000
denied '0x[0-9a-f]+' 65536 "$ro"
# Served: 8 KiB of code to block 0, then read back at the very top of memory and
# written on at 8 KiB.
evil_run blkwrite 1 0 text 8192 =0 , blkread 1 0 ms-8192 8192 =0 , \
    blkwrite 1 8192 ms-8192 8192 =0
expect_success
k=$KILN_GUEST/evil.hvt
phoff=$(u64 "$k" 32)
i=0
while [ "$(u32 "$k" $((phoff + 56 * i)))" -ne 1 ]; do i=$((i + 1)); done
[ "$(u64 "$k" $((phoff + 56 * i + 16)))" -eq 1048576 ] || fail "first PT_LOAD not at 0x100000"
[ "$(u64 "$k" $((phoff + 56 * i + 32)))" -ge 8192 ] || fail "first PT_LOAD under 8 KiB"
dd if="$k" of="$KILN_TMP/text" bs=512 skip=$(($(u64 "$k" $((phoff + 56 * i + 8))) / 512)) \
    count=16 2>/dev/null
dd if="$KILN_TMP/disk" of="$KILN_TMP/blocks" bs=8192 count=1 2>/dev/null
cmp "$KILN_TMP/text" "$KILN_TMP/blocks" || fail "blocks 0-15 do not hold the code"
dd if="$KILN_TMP/disk" of="$KILN_TMP/blocks" bs=8192 skip=1 count=1 2>/dev/null
cmp "$KILN_TMP/text" "$KILN_TMP/blocks" || fail "blocks 16-31 do not hold the code"
