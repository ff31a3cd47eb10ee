#!/bin/sh
# A POLL struct at the last byte of guest memory, straddling its end, past it and at
# 0xffffffff is refused (exit 1, the exact message); one that exactly fits is served.
. "$(dirname "$0")/../lib.sh"
denied() {
    expect_status 1
    expect_no_text SUCCESS
    expect_line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=$1, sz=$2"
}
img "$KILN_TMP/disk" 65536
evil_run at poll last
denied 0x7fffff 24
evil_run at poll straddle
denied 0x7ffff4 24
evil_run at poll past
denied 0x800000 24
evil_run at poll top
denied 0xffffffff 24
evil_run at poll fit
expect_success
expect_text "evil: poll struct at 0x7fffe8"
expect_text "evil: poll returned"
