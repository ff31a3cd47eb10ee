#!/bin/sh
# BLOCK_READ/BLOCK_WRITE buffers straddling the end of guest memory, past it, at
# 0xffffffff or wrapping around 2^64 are refused (exit 1, the exact message); a buffer
# ending exactly at the end is served.
. "$(dirname "$0")/../lib.sh"
denied() {
    expect_status 1
    expect_no_text SUCCESS
    expect_line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=$1, sz=$2"
}
img "$KILN_TMP/disk" 65536
evil_run blkread 1 0 ms-256 512
denied 0x7fff00 512
evil_run blkwrite 1 0 ms 512
denied 0x800000 512
evil_run blkread 1 0 top 512
denied 0xffffffff 512
evil_run blkwrite 1 0 0xffffffffffffff00 512
denied 0xffffffffffffff00 512
evil_run blkread 1 0 ms-512 512 =0 , blkwrite 1 512 ms-512 512 =0
expect_success
