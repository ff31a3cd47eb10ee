#!/bin/sh
# PUTS data past the end of guest memory, straddling it, at 0xffffffff and above 4 GiB is
# refused (exit 1, the exact message); data ending exactly at the end is printed.
. "$(dirname "$0")/../lib.sh"
denied() {
    expect_status 1
    expect_no_text SUCCESS
    expect_line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=$1, sz=$2"
}
img "$KILN_TMP/disk" 65536
evil_run puts ms 1
denied 0x800000 1
evil_run puts ms-1 2
denied 0x7fffff 2
evil_run puts top 1
denied 0xffffffff 1
evil_run puts 0x100000000 1
denied 0x100000000 1
evil_run mark ms-5 , puts ms-5 5
expect_success
expect_text MARK
