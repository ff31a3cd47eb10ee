#!/bin/sh
# ent_tail driven backwards (below the host's ent_head, after one served entry; or to
# ent_head - 1 = 2^32 - 1 at the start) then kicked: "net ring: invalid submission index"
# with both indices, exit 1.
. "$(dirname "$0")/../lib.sh"
net_setup
img "$KILN_TMP/disk" 65536
evil() {
    hvt_run_ns --block:storage="$KILN_TMP/disk" --net:service0=tap100 -- \
        "$KILN_GUEST/evil_net.hvt" ring-check , "$@" , sleep 10000
}
evil rsub 0 2 frame 60 1 , rwait-head 1 , rtail 0
expect_status 1 "evil: setting ent_tail to 0x0"
expect_no_text SUCCESS
expect_line "solo5-hvt: net ring: invalid submission index: ent_tail=0, ent_head=1"
evil rtail 0xffffffff
expect_status 1
expect_no_text SUCCESS
expect_line "solo5-hvt: net ring: invalid submission index: ent_tail=4294967295, ent_head=0"
