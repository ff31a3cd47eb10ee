#!/bin/sh
# A write to address 8 (page 0 is not mapped) faults and aborts.
. "$(dirname "$0")/../lib.sh"
hvt_run "$KILN_GUEST/zeropage.hvt"
expect_abort
expect_text "Solo5: trap: type=#PF"
