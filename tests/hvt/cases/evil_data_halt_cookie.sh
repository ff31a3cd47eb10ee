#!/bin/sh
# A HALT cookie whose 512 bytes do not all lie in guest memory (straddling the end, at
# 0xffffffff) is refused (exit 1, the exact message); one ending exactly at the end, or
# in read-only code, is accepted and the guest's status comes out.
. "$(dirname "$0")/../lib.sh"
denied() {
    expect_status 1
    expect_no_text SUCCESS
    expect_line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=$1, sz=$2"
}
img "$KILN_TMP/disk" 65536
evil_run halt ms-256 0
denied 0x7fff00 512
evil_run halt ms-511 0
denied 0x7ffe01 512
evil_run halt top 0
denied 0xffffffff 512
evil_run halt 0xfffffffffffffff0 0
denied 0xfffffffffffffff0 512
evil_run halt ms-512 42
expect_status 42
expect_no_text "Invalid guest access"
evil_run halt text 43
expect_status 43
