#!/bin/sh
# POLL with the largest timeout (2^64 - 1 ns) waits (no early return, no timer error)
# until SIGTERM ends the tender: "Exiting on signal 15", exit 1.
. "$(dirname "$0")/../lib.sh"
hvt_signal 15 "evil: mem_size" --mem=8 "$KILN_GUEST/evil_nodev.hvt" \
    poll 0xffffffffffffffff
expect_no_text "evil: poll returned"
