#!/bin/sh
# BLOCK_READ/BLOCK_WRITE with handles that are not the block device (0, the reserved
# entry; 2, one past the manifest; 63; 64; 2^32 + 1, which must not alias handle 1;
# 2^64 - 1) return EINVAL (2) and the guest goes on; handle 1 still works.
. "$(dirname "$0")/../lib.sh"
img "$KILN_TMP/disk" 65536
cmds=
for h in 0 2 63 64 0x100000001 0xffffffffffffffff; do
    cmds="$cmds blkread $h 0 buf 512 =2 , blkwrite $h 0 buf 512 =2 ,"
done
# shellcheck disable=SC2086
evil_run $cmds blkwrite 1 0 frame 512 =0 , blkread 1 0 buf 512 =0
expect_success
[ "$(printf '%s\n' "$output" | grep -Ec '^evil: blk(read|write) ret=2$')" -eq 12 ] ||
    fail "not 12 EINVAL results"
[ "$(printf '%s\n' "$output" | grep -Ec '^evil: blk(read|write) ret=0$')" -eq 2 ] ||
    fail "handle 1 did not work"
