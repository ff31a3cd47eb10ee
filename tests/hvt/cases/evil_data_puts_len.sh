#!/bin/sh
# PUTS of valid data with a huge length (2^63 - 1, 2^63, 2^64 - 1) is refused (exit 1,
# the exact message), not handed to write().
. "$(dirname "$0")/../lib.sh"
denied() {
    expect_status 1
    expect_no_text SUCCESS
    expect_line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=$1, sz=$2"
}
img "$KILN_TMP/disk" 65536
evil_run puts msg 0x7fffffffffffffff
denied '0x[0-9a-f]+' 9223372036854775807
evil_run puts msg 0x8000000000000000
denied '0x[0-9a-f]+' 9223372036854775808
evil_run puts msg 0xffffffffffffffff
denied '0x[0-9a-f]+' 18446744073709551615
