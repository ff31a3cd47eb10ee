#!/bin/sh
# The OCaml counter (examples/ocaml-counter, package solo5) counts 1, 2, 3 across runs on hvt; the count is on the disk.
. "$(dirname "$0")/../lib.sh"
f=$KILN_TMP/disk
img "$f" 1048576
for n in 1 2 3; do
    hvt_run --block:storage="$f" -- "$KILN_GUEST/example_ocaml_counter.hvt"
    expect_status 0 "counter: $n"
    [ "$(u64 "$f" 0)" -eq "$n" ] || fail "on disk: $(u64 "$f" 0), want $n"
done
