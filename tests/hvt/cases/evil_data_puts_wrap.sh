#!/bin/sh
# PUTS data whose end wraps around 2^64 (to a small address, to exactly 0, or from near
# 2^64) is refused (exit 1, the exact message).
. "$(dirname "$0")/../lib.sh"
denied() {
    expect_status 1
    expect_no_text SUCCESS
    expect_line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=$1, sz=$2"
}
img "$KILN_TMP/disk" 65536
# 0x100000 + len = 2^64 + 0x10
evil_run puts 0x100000 0xfffffffffff00010
denied 0x100000 18446744073708503056
# 0x7ffff0 + len = 2^64 exactly: the end wraps to 0
evil_run puts 0x7ffff0 0xffffffffff800010
denied 0x7ffff0 18446744073701163024
evil_run puts 0xfffffffffffffff8 16
denied 0xfffffffffffffff8 16
