#!/bin/sh
# solo5_abort exits 255.
. "$(dirname "$0")/../lib.sh"
hvt_run "$KILN_GUEST/abort.hvt"
expect_status 255 "Solo5: solo5_abort() called"
