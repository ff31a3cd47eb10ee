#!/bin/sh
# picolibc's own tests as hvt unikernels; one line per test (build/tests/picolibc.bats reads them).
. "$(dirname "$0")/../lib.sh"
libc=$(cd "$(dirname "$0")/../../libc" && pwd)
[ -f "${KILN_LIBC_TESTS-}/tests.list" ] || fail "no picolibc tests in '${KILN_LIBC_TESTS-}'"
"$libc/run-tests" "$libc/expected" "$KILN_LIBC_TESTS" "$HVT" --mem=64 ||
    fail "some picolibc test failed on hvt"
