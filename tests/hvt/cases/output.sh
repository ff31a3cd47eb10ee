#!/bin/sh
# output writes 4 KiB and more in one console write; every line arrives.
. "$(dirname "$0")/../lib.sh"
hvt_run "$KILN_GUEST/output.hvt" Output_Solo5
expect_success
expect_text "65 defghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk"
n=$(printf '%s\n' "$output" | grep -c '^[0-9][0-9] defghij')
[ "$n" -eq 66 ] || fail "$n numbered lines, want 66"
