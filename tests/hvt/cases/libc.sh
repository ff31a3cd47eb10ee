#!/bin/sh
# The libc guest (hosted C over picolibc): main(argc, argv), stdio, heap, clocks, exit status.
. "$(dirname "$0")/../lib.sh"
hvt_run "$KILN_GUEST/libc.hvt" one two
expect_success
expect_text "argc=3 argv0=libc [one] [two]"
expect_text "atexit handler ran, no newline"
hvt_run "$KILN_GUEST/libc.hvt" exit 42
expect_status 42
hvt_run "$KILN_GUEST/libc.hvt" abort
expect_status 255 "Solo5: solo5_abort() called"
hvt_run "$KILN_GUEST/libc.hvt" entropy
expect_status 0 "entropy checks: 0 failed"
