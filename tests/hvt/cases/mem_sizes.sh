#!/bin/sh
# --mem is rounded down to whole 2 MiB pages with a warning (3 -> 2 MB), 4096 MB is the
# most a guest can have and runs, and the guest sees exactly what the tender sized.
. "$(dirname "$0")/../lib.sh"
hvt_run_mem 3 "$KILN_GUEST/hello.hvt" Hello_Solo5
expect_success
expect_text "solo5-hvt: adjusting memory to 2097152 bytes"
expect_text "Solo5: Memory map: 2 MB addressable:"
hvt_run_mem 4096 "$KILN_GUEST/hello.hvt" Hello_Solo5
expect_success
expect_no_text "adjusting memory"
expect_text "Solo5: Memory map: 4096 MB addressable:"
