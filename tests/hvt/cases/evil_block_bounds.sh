#!/bin/sh
# Block requests outside the device or not whole blocks up to the maximum (offset =
# capacity, capacity - 1, unaligned, 2^63, offset + len wrapping around 2^64, len 0, 511,
# 513, 1 MiB + 512, the last block with len 1024) return EINVAL (2); the last block and
# two blocks at 0 work; the image keeps its size.
. "$(dirname "$0")/../lib.sh"
img "$KILN_TMP/disk" 65536
cmds=
for req in "cap 512" "cap-1 512" "1 512" "0x8000000000000000 512" \
    "0xfffffffffffffe00 512" "0xffffffffffffff00 512" "0 0" "0 511" "0 513" "0 0x100200" \
    "cap-512 1024" "cap-512 0xffffffffffffffff"; do
    # shellcheck disable=SC2086
    set -- $req
    cmds="$cmds blkread 1 $1 buf $2 =2 , blkwrite 1 $1 buf $2 =2 ,"
done
# shellcheck disable=SC2086
evil_run $cmds blkwrite 1 cap-512 buf 512 =0 , blkread 1 cap-512 buf 512 =0 , \
    blkwrite 1 0 buf 1024 =0
expect_success
[ "$(printf '%s\n' "$output" | grep -Ec '^evil: blk(read|write) ret=2$')" -eq 24 ] ||
    fail "not 24 EINVAL results"
[ "$(stat -c %s "$KILN_TMP/disk")" -eq 65536 ] || fail "the image changed size"
