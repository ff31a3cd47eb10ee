#!/bin/sh
# OCaml unikernels on hvt (tests/ocaml/): console, argv, exit codes, an uncaught exception, the GC, float round trips.
. "$(dirname "$0")/../lib.sh"
hvt_run -- "$KILN_GUEST/ocaml_hello.hvt" exit 7
expect_status 7 "Solo5: solo5_exit(7) called"
expect_line "Hello from OCaml"
expect_line "argc 3: \[exit\] \[7\]"
hvt_run -- "$KILN_GUEST/ocaml_hello.hvt" raise
expect_status 2 'Fatal error: exception Failure("raised on purpose")'
hvt_run -- "$KILN_GUEST/ocaml_hello.hvt" gc
expect_status 0 "gc: sum 19999900000, table 28572, major collections > 0: true"
hvt_run -- "$KILN_GUEST/ocaml_floats.hvt"
expect_status 0 "roundtrip failures: 0"
expect_line "0\.1 0\.10000000000000001 0x1\.999999999999ap-4 1\.000000e-01 0\.100"
expect_line "2\.4703282292062328e-324 -> 1"
# The whole output, each line marked, for ocaml.bats to compare with Linux's (show keeps 100 lines).
printf '%s\n' "$output" | tr -d '\r' | sed -n '/^BEGIN$/,/^END$/s/^/floats| /p'
