#!/bin/sh
# The heap is page aligned, at least 512 KiB and all usable; it grows with --mem.
. "$(dirname "$0")/../lib.sh"
hvt_run_mem 2 "$KILN_GUEST/memory.hvt"
expect_success
expect_text "Solo5: Memory map: 2 MB addressable:"
hvt_run_mem 8 "$KILN_GUEST/memory.hvt"
expect_success
expect_text "Solo5: Memory map: 8 MB addressable:"
