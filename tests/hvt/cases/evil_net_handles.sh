#!/bin/sh
# NET_READ/NET_WRITE with handles that are not the net device (1, the block device; 0;
# 3; 63; 64; 2^32 + 2, which must not alias handle 2), a zero length, or a frame longer
# than MTU + 14, and BLOCK_* with the net handle, return EINVAL (2) and the guest goes on;
# the net device still works.
. "$(dirname "$0")/../lib.sh"
net_setup
img "$KILN_TMP/disk" 65536
cmds=
for h in 1 0 3 63 64 0x100000002; do
    cmds="$cmds netwrite $h frame 60 =2 , netread $h buf 2048 =2 ,"
done
cmds="$cmds netwrite 2 frame 0 =2 , netwrite 2 buf 1515 =2 , netread 2 buf 0 =2 ,"
cmds="$cmds blkread 2 0 buf 512 =2 , blkwrite 2 0 buf 512 =2 ,"
# shellcheck disable=SC2086
hvt_run_ns --block:storage="$KILN_TMP/disk" --net:service0=tap100 -- \
    "$KILN_GUEST/evil_net.hvt" $cmds netwrite 2 frame 60 =0 , netwrite 2 buf 1514 =0 , \
    netread 2 buf 2048 =any
expect_success
[ "$(printf '%s\n' "$output" | grep -Ec '^evil: (net|blk)(read|write) ret=2$')" -eq 17 ] ||
    fail "not 17 EINVAL results"
