#!/bin/sh
# The OCaml GC stress program (tests/ocaml/gcstress.ml) on hvt in --mem=64; ocaml_testsuite.bats compares its output with Linux's.
. "$(dirname "$0")/../lib.sh"
hvt_run_mem 64 -- "$KILN_GUEST/ocaml_gcstress.hvt"
expect_status 0 "gcstress: done"
# The whole output, each line marked, for the bats suite to compare (show keeps 100 lines).
printf '%s\n' "$output" | tr -d '\r' | sed -n '/^churn$/,/^gcstress: done$/s/^/gcstress| /p'
