#!/bin/sh
# SIGHUP, SIGUSR1, SIGPIPE and SIGALRM end a guest that never yields like SIGINT and
# SIGTERM do: "Exiting on signal N", exit 1, and the process is gone.
. "$(dirname "$0")/../lib.sh"
for sig in 1 10 13 14; do
    hvt_signal "$sig" "evil: spinning" --mem=8 "$KILN_GUEST/evil_nodev.hvt" spin
done
