#!/bin/sh
# hello runs in the smallest guest, --mem=2.
. "$(dirname "$0")/../lib.sh"
hvt_run_mem 2 "$KILN_GUEST/hello.hvt" Hello_Solo5
expect_success
