#!/bin/sh
# A HALT struct at the last byte of guest memory, straddling its end, past it and at
# 0xffffffff is refused (exit 1, the exact message); one that exactly fits halts with
# its status (42).
. "$(dirname "$0")/../lib.sh"
denied() {
    expect_status 1
    expect_no_text SUCCESS
    expect_line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=$1, sz=$2"
}
img "$KILN_TMP/disk" 65536
evil_run at halt last
denied 0x7fffff 16
evil_run at halt straddle
denied 0x7ffff8 16
evil_run at halt past
denied 0x800000 16
evil_run at halt top
denied 0xffffffff 16
evil_run at halt fit
expect_status 42 "evil: halt struct at 0x7ffff0"
expect_no_text "Invalid guest access"
