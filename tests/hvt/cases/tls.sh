#!/bin/sh
# Two TLS blocks keep their own values; .tdata's initial value is there.
. "$(dirname "$0")/../lib.sh"
hvt_run "$KILN_GUEST/tls.hvt"
expect_success
