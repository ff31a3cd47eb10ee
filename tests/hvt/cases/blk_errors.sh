#!/bin/sh
# Backing files: a missing one names the OS reason, a FIFO is refused at once instead
# of blocking in open; each error is one line, exit 1.
. "$(dirname "$0")/../lib.sh"
one_line() {
    [ "$(printf '%s\n' "$output" | wc -l)" -eq 1 ] || fail "more than one line"
}
hvt_run --block:storage="$KILN_TMP/nosuchfile" -- "$KILN_GUEST/blk.hvt"
expect_status 1 "No such file or directory"
one_line
mkfifo "$KILN_TMP/fifo"
hvt_run --block:storage="$KILN_TMP/fifo" -- "$KILN_GUEST/blk.hvt"
expect_status 1 "is a FIFO"
one_line
