#!/bin/sh
# A write far above guest memory (2^34) is a page fault the guest's trap handler reports.
. "$(dirname "$0")/../lib.sh"
hvt_run "$KILN_GUEST/exception.hvt"
expect_abort
expect_text "Solo5: trap: type=#PF"
