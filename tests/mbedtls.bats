#!/usr/bin/env bats
# mbed TLS: Debian's source built for Kiln (mbedtls/rules.mk), its suites' build and runner, and a program of one's own over the installed library.
load helpers
load virtio/helpers
load hvt/helpers

M=$KILN_TOP/build/tests/mbedtls
STAGE=$KILN_TOP/build/stage
SUITES=$KILN_TOP/build/mbedtls/src/tests/suites

setup() {
    T=$(mktemp -d)
}

teardown() {
    rm -rf "$T"
}

# ---- the library ------------------------------------------------------------------

@test "mbedtls: its own CMake built the three libraries with the staged wrapper and the C library's flag" {
    log=$KILN_TOP/build/mbedtls/build.log
    [ -f "$log" ] || { echo "no $log (make)"; return 1; }
    grep -q "Check for working C compiler: $BIN/x86_64-solo5-none-static-cc - skipped\|Check for working C compiler: $BIN/x86_64-solo5-none-static-cc -- works" "$log" ||
        grep -q "CMAKE_C_COMPILER.*x86_64-solo5-none-static-cc" "$KILN_TOP/build/mbedtls/b/CMakeCache.txt" ||
        { head -20 "$log"; return 1; }
    grep -q '^CMAKE_C_FLAGS:STRING=--specs=picolibc.specs' "$KILN_TOP/build/mbedtls/b/CMakeCache.txt"
    grep -q 'Built target mbedcrypto' "$log" && grep -q 'Built target mbedx509' "$log" &&
        grep -q 'Built target mbedtls' "$log" || { tail -20 "$log"; return 1; }
    for l in mbedtls mbedx509 mbedcrypto; do
        [ -f "$STAGE/lib/x86_64-solo5-none-static/lib$l.a" ] || { echo "lib$l.a is not staged"; return 1; }
    done
    # Kiln's glue is in libmbedcrypto.a: the entropy source and the timing functions.
    nm "$STAGE/lib/x86_64-solo5-none-static/libmbedcrypto.a" >"$T/nm"
    for s in mbedtls_hardware_poll mbedtls_timing_get_timer mbedtls_set_alarm mbedtls_kiln_timing_alarmed; do
        grep -q " T $s\$" "$T/nm" || { echo "$s is not defined in libmbedcrypto.a"; return 1; }
    done
    # Nothing of it opens /dev/urandom or calls getrandom: getentropy is the one source.
    ! grep -q ' U getrandom$\| U fopen$' "$T/nm" || { grep ' U getrandom$\| U fopen$' "$T/nm"; return 1; }
    grep -q ' U getentropy$' "$T/nm"
}

@test "mbedtls: the staged config.h is Kiln's: no files, entropy from hardware, Kiln's timing; every line of mbedtls/config.txt applied" {
    cfg=$STAGE/include/mbedtls/mbedtls/config.h
    [ -f "$cfg" ] && [ -f "$STAGE/include/mbedtls/mbedtls/timing_alt.h" ] &&
        [ -f "$STAGE/include/mbedtls/psa/crypto.h" ]
    n=0
    while read -r op name; do
        case $op in
        set) grep -q "^#define $name\b" "$cfg" || { echo "$name is not set"; return 1; } ;;
        unset) grep -q "^//#define $name\b" "$cfg" || { echo "$name is not unset"; return 1; } ;;
        *) echo "bad line: $op $name"; return 1 ;;
        esac
        n=$((n + 1))
    done < <(sed 's/#.*//' "$KILN_TOP/mbedtls/config.txt" | grep -v '^ *$')
    [ "$n" -ge 6 ] || { echo "only $n lines"; return 1; }
    grep -q '^//#define MBEDTLS_THREADING_C\b' "$cfg"
}

# ---- a program of one's own, from the installed tree -------------------------------

# seed_build TARGET...: tests/mbedtls/seed.c built with the installed toolchain in $T
# and -lmbedtls -lmbedx509 -lmbedcrypto, for each TARGET.
seed_build() { installed_build mbedtls/seed.c "-lmbedtls -lmbedx509 -lmbedcrypto" "$@"; }

# seed_random OUTPUT: the 32 random bytes a seed run printed, in hex, once its checks passed.
seed_check() {
    [[ "$1" == *"version: mbed TLS 2.28."* ]] || { echo "$1" >&2; return 1; }
    # SHA-256 of "abc", FIPS 180-2's first example.
    [[ "$1" == *"sha256(abc): ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"* ]] ||
        { echo "$1" >&2; return 1; }
    local ms
    ms=$(sed -n 's/^alarm: \([0-9]*\) ms, polled\r*$/\1/p' <<<"$1")
    [ -n "$ms" ] && [ "$ms" -ge 1000 ] && [ "$ms" -le 1500 ] || { echo "alarm: '$ms' ms: $1" >&2; return 1; }
    sed -n 's/^random: \([0-9a-f]\{64\}\)\r*$/\1/p' <<<"$1"
}

@test "mbedtls: a program links with -lmbedtls -lmbedx509 -lmbedcrypto from the installed tree; its DRBG is seeded from getentropy, fresh each run (spt)" {
    seed_build spt
    run timeout 60 kiln/bin/solo5-spt --mem=16 seed.spt
    expect_status 0
    a=$(seed_check "$output")
    run timeout 60 kiln/bin/solo5-spt --mem=16 seed.spt
    expect_status 0
    b=$(seed_check "$output")
    [ -n "$a" ] && [ -n "$b" ] && [ "$a" != "$b" ] || { echo "runs: '$a' '$b'"; return 1; }
    # The headers came from the installed tree, with no -I.
    [ -f kiln/include/mbedtls/mbedtls/ssl.h ]
}

@test "mbedtls: on virtio (QEMU) the same program is seeded; without RDRAND and RDSEED seeding fails, with no weaker source" {
    seed_build virtio
    vrun seed.virtio
    not_hung
    [[ "$output" == *"solo5_exit(0)"* ]] || { echo "$output"; return 1; }
    [ -n "$(seed_check "$output")" ]
    QEMU=$(qemu_without_rng "$T") vrun seed.virtio
    not_hung
    # MBEDTLS_ERR_CTR_DRBG_ENTROPY_SOURCE_FAILED, and the program's status for it.
    [[ "$output" == *"seed: -0x0034"* && "$output" == *"solo5_exit(3)"* ]] ||
        { echo "$output"; return 1; }
}

# ---- the test suites: built, listed, and the runner's verdicts ------------------------

@test "mbedtls: every suite of mbed TLS's source is built for spt and is a test of mbedtls.bats; the subset for hvt and virtio too" {
    local gen=$KILN_TOP/build/tests/mbedtls.bats list=$M/suites.list
    [ -f "$gen" ] && [ -f "$list" ] || { echo "no $gen or $list: make test-build"; return 1; }
    diff <(cd "$SUITES" && ls test_suite_*.data | sed 's/^test_suite_\(.*\)\.data$/\1/' | sort) \
        <(awk '{ print $1 }' "$list")
    [ "$(wc -l <"$list")" -ge 100 ]
    while read -r name targets; do
        [[ " $targets " == *" spt "* ]] || { echo "$name is not built for spt"; return 1; }
        for t in $targets; do
            grep -qxF "@test \"mbedtls on $t: $name\" {" "$gen" ||
                { echo "$name ($t) is not in $gen"; return 1; }
        done
    done <"$list"
    for t in hvt virtio; do
        [ "$(grep -c " $t" "$list")" -ge 5 ] || { echo "fewer than 5 suites for $t"; return 1; }
    done
    # The hvt ones are in the guest folder, for the VM of the hvt cases.
    for g in $(awk '/ hvt/ { print $1 }' "$list"); do
        [ -f "$GUEST/mbedtls_$g.hvt" ] || { echo "no $GUEST/mbedtls_$g.hvt"; return 1; }
    done
    # Each suite's data is in its unikernel: the first test's description is in the binary.
    first=$(head -n 1 "$SUITES/test_suite_aes.cbc.data")
    grep -qF "$first" "$M/bin/aes.cbc.spt"
}

# fake_suite DIR: DIR/suite, a stand-in for a suite's unikernel, prints its arguments' cases
# ("desc=PASS", "desc=FAILED", "desc=----") as mbed TLS's runner does, then its summary.
fake_suite() {
    cat >"$1/suite" <<'SH'
#!/bin/bash
total=0 ok=0 skipped=0
for a in "$@"; do
    [ "$a" = --verbose ] && continue
    d=${a%=*} r=${a##*=}
    printf '%s ' "$d"
    for ((i = ${#d} + 1; i < 67; i++)); do printf .; done
    printf ' %s\n' "$r"
    total=$((total + 1))
    case $r in
    PASS) ok=$((ok + 1)) ;;
    ----) ok=$((ok + 1)) skipped=$((skipped + 1)) ;;
    FAILED) printf '  a == b\n  at line 12, suites/test_suite_x.function\n' ;;
    esac
done
printf '\n----\n\n'
[ "$ok" = "$total" ] && v=PASSED || v=FAILED
echo "$v ($ok / $total tests ($skipped skipped))"
[ "$ok" = "$total" ]
SH
    chmod +x "$1/suite"
}

@test "mbedtls: the runner counts as the suite does, and fails on an unexpected failure or a stale expectation" {
    fake_suite "$T"
    e=$T/expected
    : >"$e"
    run "$KILN_TOP/tests/mbedtls/run-suite" "$e" x 10 "$T/suite" "A #1=PASS" "B #2=----" "C=PASS"
    [ "$status" -eq 0 ] && [[ "$output" == *"mbedtls x: 2 passed, 0 failed, 1 skipped"* ]] ||
        { echo "status $status: $output"; return 1; }
    run "$KILN_TOP/tests/mbedtls/run-suite" "$e" x 10 "$T/suite" "A #1=PASS" "B #2=FAILED"
    [ "$status" -eq 1 ] && [[ "$output" == *"FAIL x: B #2"* ]] &&
        [[ "$output" == *"mbedtls x: 1 passed, 1 failed, 0 skipped"* ]] || { echo "status $status: $output"; return 1; }
    # Expected, for this suite only: then it passes, and says so.
    echo "fail y B #2" >"$e"
    run "$KILN_TOP/tests/mbedtls/run-suite" "$e" x 10 "$T/suite" "A #1=PASS" "B #2=FAILED"
    [ "$status" -eq 1 ] || { echo "status $status: $output"; return 1; }
    echo "fail x B #2" >"$e"
    run "$KILN_TOP/tests/mbedtls/run-suite" "$e" x 10 "$T/suite" "A #1=PASS" "B #2=FAILED"
    [ "$status" -eq 0 ] && [[ "$output" == *"expected-fail x: B #2"* ]] || { echo "status $status: $output"; return 1; }
    # An expected failure that passes is a stale entry: a failure.
    run "$KILN_TOP/tests/mbedtls/run-suite" "$e" x 10 "$T/suite" "A #1=PASS" "B #2=PASS"
    [ "$status" -eq 1 ] && [[ "$output" == *"did not fail"* ]] || { echo "status $status: $output"; return 1; }
    # No case ran: a failure, unless the list says why; then a skip.
    : >"$e"
    run "$KILN_TOP/tests/mbedtls/run-suite" "$e" x 10 "$T/suite" "A=----"
    [ "$status" -eq 1 ] && [[ "$output" == *"no case ran"* ]] || { echo "status $status: $output"; return 1; }
    echo "skipped x needs files" >"$e"
    run "$KILN_TOP/tests/mbedtls/run-suite" "$e" x 10 "$T/suite" "A=----"
    [ "$status" -eq 77 ] && [[ "$output" == *"skip x: needs files"* ]] || { echo "status $status: $output"; return 1; }
    run "$KILN_TOP/tests/mbedtls/run-suite" "$e" x 10 "$T/suite" "A=PASS"
    [ "$status" -eq 1 ] || { echo "status $status: $output"; return 1; }
    # A crash (no summary line) fails.
    : >"$e"
    run "$KILN_TOP/tests/mbedtls/run-suite" "$e" x 10 sh -c 'echo "A ... PASS"; exit 255' --
    [ "$status" -eq 1 ] && [[ "$output" == *"no summary line"* ]] || { echo "status $status: $output"; return 1; }
}

# mbedtls_entry REASON LINE: "fail SUITE CASE..." (a case of an existing suite), with a
# reason, or "skipped SUITE".
mbedtls_entry() {
    local reason=$1 l=$2
    set -- $l
    case $1 in fail | skipped) ;; *) echo "bad line"; return 1 ;; esac
    [ -f "$SUITES/test_suite_$2.data" ] || { echo "no suite $2"; return 1; }
    [ -n "$reason" ] || [ "$1" = skipped ] || { echo "no reason (a comment above)"; return 1; }
    [ "$1" != fail ] || grep -qF -- "${l#fail $2 }" "$SUITES/test_suite_$2.data" ||
        { echo "no such case in $2"; return 1; }
}

@test "mbedtls: every entry of tests/mbedtls/expected names a suite that exists and gives a reason" {
    each_expected "$KILN_TOP/tests/mbedtls/expected" mbedtls_entry
}

# ---- hvt (tests/hvt/cases/mbedtls.sh, on KVM or in the test VM) -----------------------

# mbedtls_hvt_case NAME: hvt case NAME's result, from the run of every case or of it alone.
mbedtls_hvt_case() {
    KILN_HVT_RESULTS=$(hvt_case_results "$1") hvt_case "$1"
}

@test "mbedtls hvt: the case ran every suite built for hvt, none failing (each suite's counts: build/tests/mbedtls.bats)" {
    mbedtls_hvt_case mbedtls
}
