#!/bin/sh
# SSE and scalar floating point work in the guest.
. "$(dirname "$0")/../lib.sh"
hvt_run "$KILN_GUEST/fpu.hvt"
expect_success
