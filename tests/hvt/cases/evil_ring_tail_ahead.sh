#!/bin/sh
# ent_tail driven far ahead (ent_head + 5000) then kicked: "net ring: invalid submission
# index", exit 1. ent_head + 1023 (a full ring of zero entries) is still served, and
# ent_head + 1024 is refused.
. "$(dirname "$0")/../lib.sh"
net_setup
img "$KILN_TMP/disk" 65536
evil() {
    hvt_run_ns --block:storage="$KILN_TMP/disk" --net:service0=tap100 -- \
        "$KILN_GUEST/evil_net.hvt" ring-check , "$@" , sleep 10000
}
evil rsub 0 2 frame 60 1 , rwait-head 1 , rtail 5001
expect_status 1 "evil: setting ent_tail to 0x1389"
expect_no_text SUCCESS
expect_line "solo5-hvt: net ring: invalid submission index: ent_tail=5001, ent_head=1"
evil rsub 0 2 frame 60 1 , rwait-head 1 , rtail 1024 , rwait-head 1024 , rtail 2048
expect_status 1 "evil: setting ent_tail to 0x800"
expect_no_text "FAILURE"
expect_line "solo5-hvt: net ring: invalid submission index: ent_tail=2048, ent_head=1024"
