#!/bin/sh
# A Zarith program on hvt (tests/zarith/bignum.ml): N!, Fibonacci(N), pi's digits and a harmonic number; its output, marked, for zarith.bats to compare with the program built for Linux.
. "$(dirname "$0")/../lib.sh"
hvt_run -- "$KILN_GUEST/zarith_bignum.hvt" 300 300
expect_status 0 "Solo5: solo5_exit(0) called"
expect_line "zarith 1\.12, 64-bit"
expect_line "fact\(300\) = 30605751221644063603537046129726862938858880417357[0-9]+0{74}"
expect_line "fib\(300\) = 222232244629420445529739893461909967206666939096499764990979600"
expect_line "pi\(300\) = 31415926535897932384626433832795028841971693993751[0-9]{251}"
# The guest's lines, each marked, for zarith.bats to compare with Linux's (show keeps 100 lines).
printf '%s\n' "$output" | tr -d '\r' | grep -E '^(zarith |fact\(|fib\(|pi\(|H\()' | sed 's/^/zarith| /'
