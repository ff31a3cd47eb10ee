#!/bin/sh
# OCaml's own tests on hvt (tests/ocaml/testsuite/rules.mk's OTS_SUBSET), each output compared with its reference by run-tests.
. "$(dirname "$0")/../lib.sh"
ts=$(cd "$(dirname "$0")/../../ocaml/testsuite" && pwd)
[ -f "$KILN_GUEST/ocamlts/tests.list" ] || fail "no OCaml tests in $KILN_GUEST/ocamlts (make test-build)"
"$ts/run-tests" "$KILN_GUEST/ocamlts" hvt "$ts/expected" "$HVT" ||
    fail "some OCaml test failed on hvt"
