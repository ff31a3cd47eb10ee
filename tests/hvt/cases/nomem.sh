#!/bin/sh
# Less than 512 KiB above the image (640 KiB of .bss in 2 MiB) refuses to start;
# the same image starts in 4 MiB.
. "$(dirname "$0")/../lib.sh"
hvt_run_mem 2 "$KILN_GUEST/nomem.hvt"
expect_abort
expect_text "Not enough memory"
expect_no_text "test_nomem"
hvt_run_mem 4 "$KILN_GUEST/nomem.hvt"
expect_success
