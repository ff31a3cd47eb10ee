#!/bin/sh
# The stack protector catches a stack buffer overflow, also under --solo5:quiet.
. "$(dirname "$0")/../lib.sh"
hvt_run "$KILN_GUEST/ssp.hvt"
expect_abort
expect_text "Solo5: ABORT: Stack corruption detected"
hvt_run "$KILN_GUEST/ssp.hvt" --solo5:quiet
expect_abort
n=$(printf '%s\n' "$output" | grep -c 'Solo5:')
[ "$n" -eq 1 ] || fail "$n lines with Solo5:, want only the ABORT line"
