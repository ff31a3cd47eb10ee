#!/bin/sh
# With TLS base 0, reading %fs:0x28 touches page 0: fault, abort.
. "$(dirname "$0")/../lib.sh"
hvt_run "$KILN_GUEST/notls.hvt"
expect_abort
expect_text "Solo5: trap: type=#PF"
