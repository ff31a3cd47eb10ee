#!/bin/sh
# PUTS data past the end of guest memory, straddling it, at 0xffffffff and above 4 GiB is
# refused (exit 1, the exact message); data ending exactly at the end is printed.
. "$(dirname "$0")/../lib.sh"
line() { printf '%s\n' "$output" | grep -Eqx -- "$1" || fail "no line matching '$1'"; }
denied() {
    expect_status 1
    expect_no_text SUCCESS
    line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=$1, sz=$2"
}
img "$KILN_TMP/disk" 65536
evil() { hvt_run_mem 8 --block:storage="$KILN_TMP/disk" -- "$KILN_GUEST/evil.hvt" "$@"; }
evil puts ms 1
denied 0x800000 1
evil puts ms-1 2
denied 0x7fffff 2
evil puts top 1
denied 0xffffffff 1
evil puts 0x100000000 1
denied 0x100000000 1
evil mark ms-5 , puts ms-5 5
expect_success
expect_text MARK
