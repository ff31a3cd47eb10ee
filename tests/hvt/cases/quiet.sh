#!/bin/sh
# --solo5:quiet: SUCCESS and nothing of the bindings' own output.
. "$(dirname "$0")/../lib.sh"
hvt_run -- "$KILN_GUEST/quiet.hvt" --solo5:quiet
expect_success
expect_no_text "Solo5:"
