#!/bin/sh
# Argument structs in the image's read-only segments: the tender never writes there, so
# WALLTIME, POLL, BLOCK_READ and BLOCK_WRITE structs in code or read-only data (or
# straddling its end) are refused; PUTS and HALT structs there, only read, are served.
. "$(dirname "$0")/../lib.sh"
denied_ro() {
    expect_status 1
    expect_no_text SUCCESS
    expect_line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=$1, sz=$2 \(write to read-only memory\)"
}
img "$KILN_TMP/disk" 65536
evil_run at walltime text
denied_ro 0x100000 8
evil_run at poll msg
denied_ro '0x[0-9a-f]+' 24
evil_run at blkread text
denied_ro 0x100000 40
evil_run at blkwrite erodata-8
denied_ro '0x[0-9a-f]+' 40
evil_run hc 2 roputs , hc 8 rohalt
expect_status 44 "evil: PUTS of a read-only struct"
