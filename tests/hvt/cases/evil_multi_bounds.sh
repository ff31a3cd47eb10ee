#!/bin/sh
# Requests of many blocks (spec 10.1) the tender must answer EINVAL (2), leaving the disk
# as it was: lengths past max_request (by one block with a valid buffer; 2^32 + one block
# and 2^32 + max_request, which must not alias the low 32 bits; 2^63; 2^64 - 512), not a
# multiple of the block size, at unaligned offsets, crossing the device's end or wrapping
# around 2^64. Then one request of exactly max_request each way moves the right bytes.
. "$(dirname "$0")/../lib.sh"
img "$KILN_TMP/disk" 65536
evil_run multi
expect_success
mr=$(($(printf '%s\n' "$output" | sed -n 's/^evil: block max_request=//p')))
[ "$mr" -ge 65536 ] && [ $((mr % 512)) -eq 0 ] ||
    fail "max_request $mr: the cases need whole blocks, at least 64 KiB"
# A disk of max_request + 64 KiB random bytes; memory for a request of max_request + 1
# block at its top, above the guest's image.
size=$((mr + 65536))
head -c $size /dev/urandom >"$KILN_TMP/disk"
cp "$KILN_TMP/disk" "$KILN_TMP/orig"
mem=$((mr / 1048576 * 2 + 8))
ms=$((mem * 1048576))
big() {
    hvt_run_mem $mem --block:storage="$KILN_TMP/disk" -- "$KILN_GUEST/evil.hvt" "$@"
}
reqs() {
    for req in "0 $((ms - mr - 512)) $((mr + 512))" "0 buf $((mr + 0x100000000))" \
        "0 buf 0x100000200" "0 buf 0x8000000000000000" "0 buf 0xfffffffffffffe00" \
        "0 buf 0" "0 buf 1023" "0 buf 1537" "0 buf 4097" "0 $((ms - mr)) $((mr - 1))" \
        "0 $((ms - mr)) $((mr - 511))" "1 buf 4096" "256 buf 8192" "cap-512 buf 1024" \
        "cap-4096 buf 8192" "$((size - mr + 512)) $((ms - mr)) $mr" "cap buf 1024" \
        "0xfffffffffffff000 buf 8192" "0xfffffffffffffe00 buf 1024" \
        "0x8000000000000000 buf 1024"; do
        echo "$1 1 $req =2 ,"
    done
}
# One run per direction (the guest takes 256 words): 20 requests each.
for op in blkread blkwrite; do
    # shellcheck disable=SC2046
    big $(reqs $op) blkflush 1 =0
    expect_success
    [ "$(printf '%s\n' "$output" | grep -Ec "^evil: $op ret=2\$")" -eq 20 ] ||
        fail "not 20 EINVAL results from $op"
done
cmp "$KILN_TMP/disk" "$KILN_TMP/orig" || fail "a refused request changed the disk"
# The first max_request bytes, read into the top of memory, written back 64 KiB on.
big blkread 1 0 $((ms - mr)) $mr =0 , blkwrite 1 65536 $((ms - mr)) $mr =0
expect_success
dd if="$KILN_TMP/orig" of="$KILN_TMP/want" bs=512 count=$((mr / 512)) 2>/dev/null
dd if="$KILN_TMP/disk" of="$KILN_TMP/got" bs=65536 skip=1 2>/dev/null
cmp "$KILN_TMP/want" "$KILN_TMP/got" || fail "max_request bytes not moved as asked"
dd if="$KILN_TMP/orig" of="$KILN_TMP/want" bs=65536 count=1 2>/dev/null
dd if="$KILN_TMP/disk" of="$KILN_TMP/got" bs=65536 count=1 2>/dev/null
cmp "$KILN_TMP/want" "$KILN_TMP/got" || fail "the first 64 KiB changed"
[ "$(stat -c %s "$KILN_TMP/disk")" -eq $size ] || fail "the image changed size"
