#!/bin/sh
# A specialized tender refuses a unikernel that needs a module it lacks, in one line
# naming the module, whatever options come with it; another module's option is one line
# naming that module.
. "$(dirname "$0")/../lib.sh"
T=$KILN_TENDERS
HVT=$T/solo5-hvt-hello
hvt_run "$KILN_GUEST/net.hvt"
expect_status 1
expect_line "solo5-hvt: $KILN_GUEST/net.hvt: Device 'service0' of type NET_BASIC needs module 'net', which this tender was built without"
[ "$(printf '%s\n' "$output" | wc -l)" -eq 1 ] || fail "more than one line"
hvt_run --net:service0=tap100 -- "$KILN_GUEST/net.hvt"
expect_status 1
expect_text "needs module 'net'"
HVT=$T/solo5-hvt-net
hvt_run --block:storage="$KILN_TMP/none" -- "$KILN_GUEST/blk.hvt"
expect_status 1
expect_line "solo5-hvt: $KILN_GUEST/blk.hvt: Device 'storage' of type BLOCK_BASIC needs module 'block', which this tender was built without"
HVT=$T/solo5-hvt-blk
hvt_run "$KILN_GUEST/mixed.hvt"
expect_status 1
expect_text "Device 'service0' of type NET_BASIC needs module 'net'"
# The net module's flag, on a tender without it: one line naming the module.
HVT=$T/solo5-hvt-hello
hvt_run --no-net-ring "$KILN_GUEST/hello.hvt"
expect_status 1
expect_line "solo5-hvt: --no-net-ring needs the net module, which this tender was built without \\(solo5-hvt-configure --module=net\\)"
HVT=$KILN_BIN/solo5-hvt
hvt_run --no-net-ring "$KILN_GUEST/hello.hvt" Hello_Solo5
expect_success
