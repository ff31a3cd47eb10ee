#!/bin/sh
# GMP's own tests/mpz programs on hvt (tests/gmp/rules.mk's GMP_HVT_SUBSET), as GMP's harness judges them: 0 passes, 77 skips, any other status fails unless tests/gmp/expected lists it.
. "$(dirname "$0")/../lib.sh"
expected=$HVT_LIB_DIR/../gmp/expected
[ -f "$expected" ] || fail "no $expected"
pass=0 failed=0 skipped=0 xfail=0
for g in "$KILN_GUEST"/gmp_*.hvt; do
    [ -f "$g" ] || fail "no GMP test programs in $KILN_GUEST (make test-build)"
    # gmp_DIR_NAME.hvt: GMP's folder, then the program's name.
    b=${g##*/gmp_}
    b=${b%.hvt}
    d=${b%%_*}
    name=${b#*_}
    st=0
    t0=$(date +%s)
    timeout 60 "$HVT" --mem=64 "$g" >"$KILN_TMP/run.out" 2>&1 </dev/null || st=$?
    echo "$d/$name: status $st, $(($(date +%s) - t0)) s"
    listed=0
    grep -q "^fail $d $name\$" "$expected" && listed=1
    case $st/$listed in
    0/0) pass=$((pass + 1)) ;;
    77/*) skipped=$((skipped + 1)) ;;
    0/1)
        echo "XPASS: $d/$name (tests/gmp/expected says it fails)"
        failed=$((failed + 1)) ;;
    */1) xfail=$((xfail + 1)) ;;
    *)
        echo "FAIL: $d/$name, status $st:"
        tail -n 20 "$KILN_TMP/run.out"
        failed=$((failed + 1)) ;;
    esac
done
echo "gmp on hvt: $pass passed, $failed failed, $skipped skipped, $xfail expected failures"
[ "$failed" = 0 ] || fail "$failed GMP test programs failed on hvt"
[ "$pass" -gt 0 ] || fail "no GMP test program passed on hvt"
