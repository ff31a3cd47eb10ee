#!/bin/sh
# solo5_exit statuses reach the host truncated to 8 bits; quiet exits print nothing.
. "$(dirname "$0")/../lib.sh"
for s in 0 1 42 254 255 256 257 -1; do
    hvt_run "$KILN_GUEST/exit.hvt" "$s"
    expect_status $((s & 255)) "Solo5: solo5_exit($s) called"
done
hvt_run "$KILN_GUEST/exit.hvt" --solo5:quiet 3
expect_status 3
expect_no_text "Solo5:"
