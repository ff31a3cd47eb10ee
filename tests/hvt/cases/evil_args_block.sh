#!/bin/sh
# BLOCK_READ and BLOCK_WRITE structs at the last byte of guest memory, straddling its end,
# past it and at 0xffffffff are refused (exit 1, the exact message); ones that exactly
# fit are served.
. "$(dirname "$0")/../lib.sh"
denied() {
    expect_status 1
    expect_no_text SUCCESS
    expect_line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=$1, sz=$2"
}
img "$KILN_TMP/disk" 65536
for call in blkread blkwrite; do
    evil_run at $call last
    denied 0x7fffff 40
    evil_run at $call straddle
    denied 0x7fffec 40
    evil_run at $call past
    denied 0x800000 40
    evil_run at $call top
    denied 0xffffffff 40
    evil_run at $call fit
    expect_success
    expect_text "evil: $call struct at 0x7fffd8"
    expect_text "evil: $call returned, ret=0"
done
