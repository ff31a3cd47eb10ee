#!/usr/bin/env bats
# GMP: Debian's source cross-built by its own configure (gmp/rules.mk), its own test programs run as unikernels by its own harness, and a program of one's own over the installed library.
load helpers
load virtio/helpers
load hvt/helpers

OBJ=$KILN_TOP/build/gmp/obj
STAGE=$KILN_TOP/build/stage
LIB=$STAGE/lib/x86_64-solo5-none-static
CHECK=$KILN_TOP/tests/gmp/check-dir

setup() {
    T=$(mktemp -d)
}

teardown() {
    rm -rf "$T"
}

# ---- the library --------------------------------------------------------------------

@test "gmp: its own configure cross-built libgmp.a for x86_64-solo5-none (generic x86-64, with its assembly) through the staged wrapper; libgmp.a and gmp.h staged" {
    [ -f "$OBJ/config.log" ] || { echo "no $OBJ/config.log (make)"; return 1; }
    grep -q "^host='x86_64-solo5-none'$" "$OBJ/config.log"
    grep -q "^CC='$BIN/x86_64-solo5-none-static-cc --specs=picolibc.specs'$" "$OBJ/config.log" ||
        { grep "^CC=" "$OBJ/config.log"; return 1; }
    # Not a shared library; GMP's search path for the generic x86-64 CPU, whose .asm files
    # were assembled: the K8's (baseline x86-64) before the family's and C.
    grep -q '^build_libtool_libs=no$' "$OBJ/libtool"
    grep -q '^path= x86_64/k8 x86_64 generic$' "$OBJ/config.log"
    grep -q '^#define HAVE_HOST_CPU_FAMILY_x86_64 1' "$OBJ/config.h"
    [[ "$(readlink "$OBJ/mpn/mul_basecase.asm")" == */mpn/x86_64/k8/mul_basecase.asm ]]
    [[ "$(readlink "$OBJ/mpn/add_n.asm")" == */mpn/x86_64/aors_n.asm ]]
    [ -f "$OBJ/mpn/mul_basecase.o" ] && [ -f "$OBJ/mpn/add_n.o" ]
    [ -f "$LIB/libgmp.a" ] && [ -f "$STAGE/include/gmp/gmp.h" ]
    cmp "$OBJ/.libs/libgmp.a" "$LIB/libgmp.a"
    grep -q '^#define __GNU_MP_VERSION  *6$' "$STAGE/include/gmp/gmp.h"
    grep -q '^#define GMP_LIMB_BITS  *64$' "$STAGE/include/gmp/gmp.h"
    nm "$LIB/libgmp.a" >"$T/nm"
    for s in __gmpz_add __gmpz_fac_ui __gmpq_add __gmpf_sqrt __gmpn_add_n __gmpn_mul_basecase; do
        grep -q " T $s\$" "$T/nm" || { echo "$s is not defined in libgmp.a"; return 1; }
    done
    # The library is the unikernel's: it needs no file or process call picolibc's glue lacks.
    ! grep -Eq ' U (fopen|open|read|write|getrusage|sysconf)$' "$T/nm" ||
        { grep -E ' U (fopen|open|read|write|getrusage|sysconf)$' "$T/nm"; return 1; }
}

# ---- a program of one's own, from the installed tree --------------------------------

# bignum_build TARGET...: tests/gmp/bignum.c built with the installed toolchain in $T
# and -lgmp, for each TARGET; the installed GMP's header and library are there.
bignum_build() {
    installed_build gmp/bignum.c -lgmp "$@"
    [ -f kiln/include/gmp/gmp.h ] && [ -f kiln/lib/x86_64-solo5-none-static/libgmp.a ]
}

# bignum_expect N DIGITS: what bignum N DIGITS must print, computed on the host: N! and
# Fibonacci(N) by python3's integers, pi by bc's arctangent (the digits truncated).
bignum_expect() {
    echo "gmp 6.2.1, 64-bit limbs"
    python3 -c "import math, sys
n = $1
a, b = 0, 1
for _ in range(n):
    a, b = b, a + b
sys.set_int_max_str_digits(0) if hasattr(sys, 'set_int_max_str_digits') else None
print('fact(%d) = %d' % (n, math.factorial(n)))
print('fib(%d) = %d' % (n, a))"
    printf 'pi(%s) = ' "$2"
    echo "scale=$(($2 + 8)); 4*a(1)" | BC_LINE_LENGTH=0 bc -l | tr -d '.' | cut -c1-$(($2 + 1))
}

# bignum_lines: the last run's output less the tender's and the bindings' lines.
bignum_lines() {
    printf '%s\n' "$output" | tr -d '\r' | grep -E '^(gmp |fact\(|fib\(|pi\()'
}

@test "gmp: a program links -lgmp from the installed tree; N!, Fibonacci(N) and pi's digits are the host's (python3, bc) (spt)" {
    bignum_build spt
    bignum_expect 1000 2000 >expected
    [ "$(wc -c <expected)" -gt 4500 ]
    run timeout 60 kiln/bin/solo5-spt --mem=16 bignum.spt 1000 2000
    expect_status 0
    bignum_lines >got
    diff expected got || return 1
    # Its argv is the command line's: another N, another result.
    bignum_expect 77 10 >expected
    run timeout 60 kiln/bin/solo5-spt --mem=16 bignum.spt 77 10
    expect_status 0
    bignum_lines >got
    diff expected got
}

@test "gmp: on virtio (QEMU) the same program prints the host's results" {
    bignum_build virtio
    bignum_expect 500 300 >expected
    vrun -m 32 bignum.virtio 500 300
    not_hung
    [[ "$output" == *"solo5_exit(0)"* ]] || { echo "$output"; return 1; }
    bignum_lines >got
    diff expected got
}

# ---- GMP's own tests: every folder on spt, tests/mpz on virtio and hvt ---------------

# gmp_check DIR TARGET [NAME...]: GMP's harness on DIR's programs (or NAMEs) for TARGET;
# its counts as a TAP comment.
gmp_check() {
    [ -f "$KILN_TOP/build/tests/gmp/$2.built" ] || { echo "GMP's $2 tests are not built (make test-build)"; return 1; }
    local d=$1 t=$2
    shift 2
    run "$CHECK" "$OBJ" "$d" "$t" "$BIN" "$@"
    echo "# ${lines[0]}" >&3
    [ "$status" -eq 0 ] || { echo "$output"; return 1; }
}

@test "gmp on spt: tests (GMP's make check; counts printed)" {
    gmp_check tests spt
}

@test "gmp on spt: tests/mpn" {
    gmp_check mpn spt
}

@test "gmp on spt: tests/mpz" {
    gmp_check mpz spt
}

@test "gmp on spt: tests/mpq" {
    gmp_check mpq spt
}

@test "gmp on spt: tests/mpf" {
    gmp_check mpf spt
}

@test "gmp on spt: tests/rand" {
    gmp_check rand spt
}

@test "gmp on spt: tests/misc" {
    gmp_check misc spt
}

@test "gmp on virtio (QEMU): tests/mpz's programs built for it (tests/gmp/rules.mk's GMP_SUBSET)" {
    local names
    names=$(cd "$OBJ/tests/mpz" && ls -- *.virtio | sed 's/\.virtio$//')
    [ "$(echo "$names" | wc -l)" -ge 10 ] || { echo "too few: $names"; return 1; }
    # shellcheck disable=SC2086
    gmp_check mpz virtio $names
}

# gmp_entry REASON LINE: "fail DIR PROGRAM", with a reason, PROGRAM one of GMP's tests
# in DIR ("tests" for the top folder).
gmp_entry() {
    local reason=$1 d=$KILN_TOP/build/src/gmp/tests
    set -- $2
    [ "$1" = fail ] && [ $# -eq 3 ] || { echo "bad line"; return 1; }
    [ -n "$reason" ] || { echo "no reason (a comment above)"; return 1; }
    [ "$2" = tests ] || d=$d/$2
    grep -qw -- "$3" "$d/Makefile.am" || { echo "no program $3 in $d/Makefile.am"; return 1; }
}

@test "gmp: every entry of tests/gmp/expected names a test program of GMP's and gives a reason" {
    each_expected "$KILN_TOP/tests/gmp/expected" gmp_entry
}

@test "gmp: the harness's runner fails a failing program and a stale expected failure, and counts skips" {
    # A stand-in for GMP's build folder: one test folder, programs that are scripts.
    mkdir -p "$T/obj/tests/mpz"
    cat >"$T/obj/tests/mpz/Makefile" <<'MK'
TESTS = ok bad skipped
check-TESTS:
	@st=0; for t in $(TESTS); do r=PASS; $(LOG_COMPILER) ./$$t >$$t.log 2>&1 || case $$? in 77) r=SKIP ;; *) r=FAIL ;; esac; \
	case " $(XFAIL_TESTS) " in *" $$t "*) [ $$r = FAIL ] && r=XFAIL || r=XPASS ;; esac; \
	echo "$$r: $$t"; echo "$$r" >$$t.r; [ $$r = FAIL ] || [ $$r = XPASS ] && st=1; done; \
	{ echo "# TOTAL: 3"; for r in PASS SKIP XFAIL FAIL XPASS ERROR; do \
	  echo "# $$r: $$(cat *.r | grep -cx $$r)"; done; } >$(TEST_SUITE_LOG); exit $$st
MK
    printf '#!/bin/sh\nexit 0\n' >"$T/obj/tests/mpz/ok"
    printf '#!/bin/sh\necho wrong result\nexit 1\n' >"$T/obj/tests/mpz/bad"
    printf '#!/bin/sh\nexit 77\n' >"$T/obj/tests/mpz/skipped"
    chmod +x "$T"/obj/tests/mpz/*
    # A fake tender folder: spt runs the program itself.
    mkdir "$T/bin"
    printf '#!/bin/sh\nshift\nexec "$@"\n' >"$T/bin/solo5-spt"
    chmod +x "$T/bin/solo5-spt"
    run "$CHECK" "$T/obj" mpz spt "$T/bin"
    [ "$status" -eq 1 ] && [[ "${lines[0]}" == "gmp mpz on spt: 1 passed, 1 failed, 1 skipped, 0 expected failures"* ]] ||
        { echo "status $status: $output"; return 1; }
    [[ "$output" == *"FAIL: bad"* && "$output" == *"wrong result"* ]] || { echo "$output"; return 1; }
    # Listed as an expected failure: then the run passes, and counts it.
    echo "fail mpz bad" >"$T/expected"
    KILN_GMP_EXPECTED=$T/expected run "$CHECK" "$T/obj" mpz spt "$T/bin"
    [ "$status" -eq 0 ] && [[ "${lines[0]}" == "gmp mpz on spt: 1 passed, 0 failed, 1 skipped, 1 expected failures"* ]] ||
        { echo "status $status: $output"; return 1; }
    # An expected failure that passes is a stale entry: a failure.
    printf 'fail mpz bad\nfail mpz ok\n' >"$T/expected"
    KILN_GMP_EXPECTED=$T/expected run "$CHECK" "$T/obj" mpz spt "$T/bin"
    [ "$status" -eq 1 ] && [[ "$output" == *"XPASS: ok"* ]] || { echo "status $status: $output"; return 1; }
    # No program ran: a failure.
    sed -i 's/^TESTS = .*/TESTS =/; s/TOTAL: 3/TOTAL: 0/' "$T/obj/tests/mpz/Makefile"
    run "$CHECK" "$T/obj" mpz spt "$T/bin"
    [ "$status" -eq 1 ] || { echo "status $status: $output"; return 1; }
}

# ---- hvt (tests/hvt/cases/gmp.sh, on KVM or in the test VM) --------------------------

# gmp_hvt_case NAME: hvt case NAME's result, from the run of every case or of it alone.
gmp_hvt_case() {
    KILN_HVT_RESULTS=$(hvt_case_results "$1") hvt_case "$1"
}

@test "gmp hvt: the case ran tests/mpz's programs, none failing but those tests/gmp/expected lists" {
    gmp_hvt_case gmp
}
