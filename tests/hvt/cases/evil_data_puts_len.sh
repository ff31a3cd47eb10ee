#!/bin/sh
# PUTS of valid data with a huge length (2^63 - 1, 2^63, 2^64 - 1) is refused (exit 1,
# the exact message), not handed to write().
. "$(dirname "$0")/../lib.sh"
line() { printf '%s\n' "$output" | grep -Eqx -- "$1" || fail "no line matching '$1'"; }
denied() {
    expect_status 1
    expect_no_text SUCCESS
    line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=$1, sz=$2"
}
img "$KILN_TMP/disk" 65536
evil() { hvt_run_mem 8 --block:storage="$KILN_TMP/disk" -- "$KILN_GUEST/evil.hvt" "$@"; }
evil puts msg 0x7fffffffffffffff
denied '0x[0-9a-f]+' 9223372036854775807
evil puts msg 0x8000000000000000
denied '0x[0-9a-f]+' 9223372036854775808
evil puts msg 0xffffffffffffffff
denied '0x[0-9a-f]+' 18446744073709551615
