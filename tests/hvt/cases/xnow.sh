#!/bin/sh
# A write to .text: the host maps code read-only, so KVM_RUN fails (EFAULT) and the
# tender exits 1.
. "$(dirname "$0")/../lib.sh"
hvt_run "$KILN_GUEST/xnow.hvt"
expect_status 1 "host/guest translation fault"
expect_no_text "victim ran"
