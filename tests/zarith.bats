#!/usr/bin/env bats
# Zarith: Debian's source built by its own configure and Makefile through Kiln's wrappers against Kiln's GMP (zarith/rules.mk), a program using it on spt, virtio and hvt against Linux's, and Zarith's own tests as spt unikernels.
load helpers
load virtio/helpers
load hvt/helpers

ZB=$KILN_TOP/build/zarith/src
ZT=$KILN_TOP/build/tests/zarith
RT=$KILN_TOP/build/stage/lib/x86_64-solo5-none-static/ocaml
RUN_TESTS=$KILN_TOP/tests/zarith/run-tests

setup() {
    T=$(mktemp -d)
}

teardown() {
    rm -rf "$T"
}

# need_zarith FILE: FILE (under build/tests/zarith) was built (make test-build).
need_zarith() {
    [ -e "$ZT/$1" ] || { echo "$ZT/$1 was not built (make test-build)"; return 1; }
}

# bignum_lines: the program's own lines in $output (N!, Fibonacci, pi, H(N)).
bignum_lines() {
    printf '%s\n' "$output" | tr -d '\r' | grep -E '^(zarith |fact\(|fib\(|pi\(|H\()'
}

# bignum_expect N DIGITS: what bignum N DIGITS must print: the Linux build's (Debian's
# Zarith and GMP), whose N!, Fibonacci(N) and pi are checked against python3's integers
# and bc's arctangent first.
bignum_expect() {
    need_zarith native/bignum
    "$ZT/native/bignum" "$1" "$2" >"$T/native" || { echo "native bignum failed"; return 1; }
    python3 -c "import math, sys
n = $1
a, b = 0, 1
for _ in range(n):
    a, b = b, a + b
sys.set_int_max_str_digits(0) if hasattr(sys, 'set_int_max_str_digits') else None
print('fact(%d) = %d' % (n, math.factorial(n)))
print('fib(%d) = %d' % (n, a))" >"$T/host"
    printf 'pi(%s) = %s\n' "$2" "$(echo "scale=$(($2 + 8)); 4*a(1)" | BC_LINE_LENGTH=0 bc -l |
        tr -d '.' | cut -c1-$(($2 + 1)))" >>"$T/host"
    grep -E '^(fact|fib|pi)\(' "$T/native" | diff "$T/host" - >&2 ||
        { echo "the Linux build differs from python3 and bc"; return 1; }
    cat "$T/native"
}

# ---- the library ---------------------------------------------------------------------

@test "zarith: its own configure and Makefile built caml_z.c with the C wrapper against the freestanding runtime's headers and Kiln's GMP; the findlib package zarith staged, no shared objects" {
    [ -f "$ZB/Makefile" ] || { echo "no $ZB/Makefile (make)"; return 1; }
    grep -qx "CC=$BIN/x86_64-solo5-none-static-cc --specs=picolibc.specs" "$ZB/Makefile"
    grep -q '^CFLAGS=-I'"$KILN_TOP"'/build/ocaml/src/runtime .*-DHAS_GMP' "$ZB/Makefile"
    grep -q '^LIBS= *-lgmp$' "$ZB/Makefile"
    # caml_z.c compiled by the C wrapper (ocamlc's -cc), the OCaml code by the ocamlopt wrapper.
    grep -q "^ocamlc -cc \"$BIN/x86_64-solo5-none-static-cc --specs=picolibc.specs\" .* -c caml_z.c\$" \
        "$KILN_TOP/build/zarith/build.log"
    grep -q "^$BIN/x86_64-solo5-none-static-ocamlopt .* -c z.ml\$" "$KILN_TOP/build/zarith/build.log"
    local z=$RT/zarith
    for f in META zarith.cmxa zarith.a libzarith.a z.cmi z.cmx q.cmi q.cmx big_int_Z.cmx zarith.h; do
        [ -f "$z/$f" ] || { echo "no $z/$f"; return 1; }
    done
    [ ! -e "$z/zarith.cmxs" ] && [ ! -e "$z/dllzarith.so" ] && [ ! -e "$ZB/dllzarith.so" ]
    cmp "$ZB/libzarith.a" "$z/libzarith.a"
    # The stubs call GMP (Kiln's libgmp.a resolves them) and the OCaml runtime.
    nm "$z/libzarith.a" >"$T/nm"
    grep -q ' T ml_z_add$' "$T/nm" && grep -q ' U __gmpz_' "$T/nm" && grep -q ' U caml_alloc_custom' "$T/nm"
    # The toolchain solo5 finds Kiln's zarith, not Debian's.
    run env PATH="$BIN:$PATH" OCAMLFIND_CONF="$RT/findlib.conf" ocamlfind -toolchain solo5 query zarith
    [ "$status" -eq 0 ] && [ "${lines[-1]}" = "$z" ] || { echo "status $status: $output"; return 1; }
}

@test "zarith: the ocamlopt wrapper refuses the host's Zarith (Debian's, its stubs built for Linux)" {
    local host
    host=$(ocamlfind query zarith) || { echo "no host Zarith (libzarith-ocaml-dev)"; return 1; }
    [ "$host" != "$RT/zarith" ]
    cd "$T"
    printf '%s\n' 'let () = print_endline (Z.to_string Z.one)' >h.ml
    run "$BIN/x86_64-solo5-none-static-ocamlopt" -z solo5-abi=spt -I "$host" "$host/zarith.cmxa" h.ml -o h.spt
    expect_status 1 "$host/zarith.cmxa is the host's Zarith, built for Linux; Kiln's is $RT/zarith"
    [ ! -e h.spt ]
    # Kiln's, named the same way, links.
    run "$BIN/x86_64-solo5-none-static-ocamlopt" -z solo5-abi=spt -I "$RT/zarith" "$RT/zarith/zarith.cmxa" h.ml -o h.spt
    expect_status 0
    run timeout 60 "$SPT" --mem=16 h.spt
    expect_status 0 "1"
}

# ---- a program of one's own ------------------------------------------------------------

@test "zarith: a program built from the installed tree with ocamlfind -toolchain solo5 -package zarith prints on spt what Linux's build with Debian's Zarith prints (N!, Fibonacci, pi as python3 and bc)" {
    make -s -C "$KILN_TOP" install PREFIX="$T/kiln" DESTDIR= >/dev/null
    local rt=$T/kiln/lib/x86_64-solo5-none-static/ocaml
    grep -qF "path(solo5) = \"$rt:" "$rt/findlib.conf.d/solo5.conf" ||
        { cat "$rt/findlib.conf.d/solo5.conf"; return 1; }
    cd "$T"
    cp "$KILN_TOP/tests/zarith/bignum.ml" .
    run env PATH="$T/kiln/bin:$PATH" OCAMLFIND_CONF="$rt/findlib.conf" ocamlfind -toolchain solo5 \
        ocamlopt -verbose -package zarith -linkpkg -passopt -z -passopt solo5-abi=spt bignum.ml -o bignum.spt
    expect_status 0 "$rt/zarith/zarith.a"
    [[ "$output" == *"-L$rt/zarith"* && "$output" == *"$rt/libasmrun.a"* ]] || { echo "$output"; return 1; }
    bignum_expect 1000 2000 >expected
    [ "$(wc -c <expected)" -gt 4500 ]
    run timeout 60 "$SPT" --mem=32 bignum.spt 1000 2000
    expect_status 0 "Solo5: solo5_exit(0) called"
    bignum_lines >got
    diff expected got || return 1
    # Its argv is the command line's: other numbers, other results.
    bignum_expect 77 10 >expected
    run timeout 60 "$SPT" --mem=32 bignum.spt 77 10
    expect_status 0
    bignum_lines >got
    diff expected got
}

@test "zarith virtio (QEMU): the same program prints what Linux's build prints" {
    need_zarith bignum.virtio
    bignum_expect 500 300 >"$T/expected"
    vrun -m 32 "$ZT/bignum.virtio" 500 300
    not_hung
    [[ "$output" == *"solo5_exit(0)"* ]] || { echo "$output"; return 1; }
    bignum_lines >"$T/got"
    diff "$T/expected" "$T/got"
}

# ---- hvt (tests/hvt/cases/zarith.sh, on KVM or in the test VM) -------------------------

# zarith_hvt_case NAME: hvt case NAME's result, from the run of every case or of it alone.
zarith_hvt_case() {
    KILN_HVT_RESULTS=$(hvt_case_results "$1") hvt_case "$1"
}

@test "zarith hvt: the same program, and its whole output is Linux's build's" {
    zarith_hvt_case zarith
    local d
    d=$(hvt_case_results zarith)
    bignum_expect 300 300 >"$T/expected"
    sed -n 's/^zarith| //p' "$d/zarith.out" >"$T/got"
    diff "$T/expected" "$T/got"
}

# ---- Zarith's own tests ----------------------------------------------------------------

@test "zarith on spt: Zarith's own tests (zq, pi, tofloat, ofstring; counts printed), none failing but those tests/zarith/expected lists" {
    need_zarith spt.built
    # Rebuilding Zarith (make, make install) makes its source copy anew, without them.
    [ -f "$ZB/tests/zq.exe" ] || { echo "Zarith's tests are not built (make test-build)"; return 1; }
    run "$RUN_TESTS" "$ZB/tests" "$SPT"
    echo "# ${lines[0]}" >&3
    [ "$status" -eq 0 ] || { echo "$output"; return 1; }
    [[ "${lines[0]}" == "zarith tests on spt: 4 passed, 0 failed, 0 skipped, 0 expected failures"* ]] ||
        { echo "$output"; return 1; }
    # ofstring compares Q.of_string with float_of_string, thus strtod, on "0.x00a" among others.
    [[ "$output" == *"PASS: ofstring"* ]] || { echo "$output"; return 1; }
}

@test "zarith: the runner fails a wrong output, a failing status and a stale expected failure" {
    # Stand-ins: programs that are scripts, and a tender that runs them between its lines.
    mkdir -p "$T/t" "$T/bin"
    printf '#!/bin/sh\necho "Solo5:       heap >= 0x1"\n"$2" "$3"; s=$?\necho "Solo5: solo5_exit($s) called"\nexit $s\n' \
        >"$T/bin/spt"
    printf 'ok\n' >"$T/t/zq.output64"
    printf '#!/bin/sh\necho ok\n' >"$T/t/zq.exe"
    printf '#!/bin/sh\n[ "$1" = 500 ] && echo 3141\n' >"$T/t/pi.exe"
    printf '3141\n' >"$T/t/pi.output"
    printf '#!/bin/sh\necho "Round up (Z)... FAILED (1 errors)"\n' >"$T/t/tofloat.exe"
    printf '#!/bin/sh\nexit 2\n' >"$T/t/ofstring.exe"
    chmod +x "$T"/t/*.exe "$T/bin/spt"
    : >"$T/none"
    KILN_ZARITH_EXPECTED=$T/none run "$RUN_TESTS" "$T/t" "$T/bin/spt"
    [ "$status" -eq 1 ] && [[ "${lines[0]}" == "zarith tests on spt: 2 passed, 2 failed, 0 skipped, 0 expected failures"* ]] ||
        { echo "status $status: $output"; return 1; }
    [[ "$output" == *"FAIL: tofloat (a rounding mode FAILED)"* && "$output" == *"FAIL: ofstring (exit status 2)"* ]] ||
        { echo "$output"; return 1; }
    # Listed, the two failures are expected; a listed program that passes is stale.
    printf 'fail tofloat\nfail ofstring\n' >"$T/x"
    KILN_ZARITH_EXPECTED=$T/x run "$RUN_TESTS" "$T/t" "$T/bin/spt"
    [ "$status" -eq 0 ] && [[ "${lines[0]}" == *"2 passed, 0 failed, 0 skipped, 2 expected failures"* ]] ||
        { echo "status $status: $output"; return 1; }
    printf 'fail zq\n' >"$T/x"
    KILN_ZARITH_EXPECTED=$T/x run "$RUN_TESTS" "$T/t" "$T/bin/spt" zq
    [ "$status" -eq 1 ] && [[ "$output" == *"XPASS: zq"* ]] || { echo "status $status: $output"; return 1; }
    # pi's output differs without its argument 500: the run passes it as Zarith's Makefile does.
    printf '9\n' >"$T/t/pi.output"
    KILN_ZARITH_EXPECTED=$T/none run "$RUN_TESTS" "$T/t" "$T/bin/spt" pi
    [ "$status" -eq 1 ] && [[ "$output" == *"FAIL: pi (output differs from pi.output)"* ]] ||
        { echo "status $status: $output"; return 1; }
}

# zarith_entry REASON LINE: "fail TEST", with a reason, TEST one of Zarith's tests.
zarith_entry() {
    local reason=$1
    set -- $2
    [ "$1" = fail ] && [ $# -eq 2 ] || { echo "bad line"; return 1; }
    [ -n "$reason" ] || { echo "no reason (a comment above)"; return 1; }
    grep -q "^test:: $2\.exe\$" "$KILN_TOP/build/src/zarith/tests/Makefile" ||
        { echo "no test $2 in Zarith's tests/Makefile"; return 1; }
}

@test "zarith: every entry of tests/zarith/expected names a program of Zarith's tests/Makefile and gives a reason" {
    each_expected "$KILN_TOP/tests/zarith/expected" zarith_entry
}
