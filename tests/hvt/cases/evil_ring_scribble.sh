#!/bin/sh
# The guest scribbles on the host-owned ring fields (ent_head, com_tail, needs_kick): the
# host keeps its own indices, so each read it then submits still completes once, in
# order, and the host's stores put the right values back.
. "$(dirname "$0")/../lib.sh"
net_setup
img "$KILN_TMP/disk" 65536
hvt_run_ns --block:storage="$KILN_TMP/disk" --net:service0=tap100 -- \
    "$KILN_GUEST/evil_net.hvt" ring-check , \
    rset ehead 0x12345678 , rset ctail 0xdeadbeef , rset kick 0x77 , \
    rsub 2 2 buf 2048 0x5151 , rcom 0x5151 =any , rwait-head 1 , \
    rset ehead 0xffffffff , rset ctail 0 , rset kick 0 , \
    rsub 2 2 buf 2048 0x5252 , rcom 0x5252 =any , rwait-head 2 , expect ctail 2 , \
    rset ehead 1000 , rset ctail 7 , \
    rsub 1 2 frame 60 3 , rwait-head 3 , rsub 2 2 buf 2048 0x5353 , rcom 0x5353 =any
expect_success
expect_text "evil: commit id=0x5151"
expect_text "evil: commit id=0x5252"
expect_text "evil: commit id=0x5353"
