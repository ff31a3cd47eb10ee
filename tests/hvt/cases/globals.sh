#!/bin/sh
# An initialised global is modified and read back.
. "$(dirname "$0")/../lib.sh"
hvt_run "$KILN_GUEST/globals.hvt"
expect_success
