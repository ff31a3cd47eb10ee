#!/bin/sh
# Ring entries the host cannot serve do not stop it: writes with a bad handle (99, the
# block device), length 0 or over MTU + 14, and unknown operations are skipped; reads
# with a bad handle (99, the block device, 2^32 - 1) or length 0 complete with EINVAL
# (2) under their own ids; a good read then completes too and the guest succeeds.
. "$(dirname "$0")/../lib.sh"
net_setup
img "$KILN_TMP/disk" 65536
hvt_run_ns --block:storage="$KILN_TMP/disk" --net:service0=tap100 -- \
    "$KILN_GUEST/evil_net.hvt" ring-check , \
    rsub 1 99 frame 60 1 , rsub 1 1 frame 60 2 , rsub 1 2 frame 0 3 , \
    rsub 1 2 buf 1515 4 , rsub 0 2 frame 60 5 , rsub 99 2 frame 60 6 , \
    rsub 1 2 frame 60 7 , rwait-head 7 , \
    rsub 2 99 buf 2048 0x1111 , rcom 0x1111 =2 , \
    rsub 2 1 buf 2048 0x2222 , rcom 0x2222 =2 , \
    rsub 2 0xffffffff buf 2048 0x3333 , rcom 0x3333 =2 , \
    rsub 2 2 buf 0 0x4444 , rcom 0x4444 =2 , \
    rsub 2 2 buf 2048 0x5555 , rcom 0x5555 =any , rwait-head 12 , expect ctail 5
expect_success
for id in 1111 2222 3333 4444 5555; do
    expect_text "evil: commit id=0x$id"
done
[ "$(printf '%s\n' "$output" | grep -c '^evil: commit ret=2$')" -eq 4 ] ||
    fail "not 4 EINVAL completions"
