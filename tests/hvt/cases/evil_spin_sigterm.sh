#!/bin/sh
# A guest that never yields (spins forever) is ended by SIGTERM to the tender within
# moments: "Exiting on signal 15", exit 1, and the process is gone (no hang).
. "$(dirname "$0")/../lib.sh"
hvt_signal 15 "evil: spinning" --mem=8 "$KILN_GUEST/evil_nodev.hvt" spin
