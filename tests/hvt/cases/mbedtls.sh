#!/bin/sh
# mbed TLS's own test suites on hvt (tests/mbedtls/rules.mk's MBEDTLS_SUBSET); build/tests/mbedtls.bats reads each one's lines.
. "$(dirname "$0")/../lib.sh"
dir=$HVT_LIB_DIR/../mbedtls
rc=0
n=0
for g in "$KILN_GUEST"/mbedtls_*.hvt; do
    [ -f "$g" ] || fail "no mbed TLS suites in $KILN_GUEST (make test-build)"
    name=${g##*/mbedtls_}
    name=${name%.hvt}
    st=0
    "$dir/run-suite" "$dir/expected" "$name" 100 "$HVT" --mem=64 "$g" || st=$?
    [ "$st" = 0 ] || [ "$st" = 77 ] || rc=1
    n=$((n + 1))
done
[ "$rc" = 0 ] || fail "some of the $n mbed TLS suites failed on hvt"
echo "$n mbed TLS suites passed on hvt"
