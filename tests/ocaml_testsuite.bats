#!/usr/bin/env bats
# OCaml's own tests (testsuite/tests of the fetched source, those that need only the standard library) as unikernels on spt, virtio and hvt, and the GC stress program against Linux.
load helpers
load virtio/helpers
load hvt/helpers

TS=$KILN_TOP/tests/ocaml/testsuite
OB=$KILN_TOP/build/tests/ocaml-testsuite
O=$KILN_TOP/build/tests/ocaml
OCAMLOPT=$BIN/x86_64-solo5-none-static-ocamlopt

# ocamlts_hvt_case NAME: the result of hvt case NAME, from the run of every case or else
# from a kvm-exec run of the ocaml_testsuite and ocaml_gcstress cases alone.
ocamlts_hvt_case() {
    KILN_HVT_RESULTS=$(hvt_case_results 'ocaml_[gt]*') hvt_case "$1"
}

# counts TEXT: prints TEXT into the TAP stream, where it shows as it is.
counts() {
    printf '# %s\n' "$@" >&3
}

# gc_same_as_native TEXT: TEXT is exactly what gcstress.native prints on Linux.
gc_same_as_native() {
    local want=$BATS_TEST_TMPDIR/native got=$BATS_TEST_TMPDIR/guest
    "$O/gcstress.native" >"$want" || { echo "gcstress.native failed"; return 1; }
    printf '%s\n' "$1" >"$got"
    [ "$(wc -l <"$want")" -ge 20 ] || { echo "native output too short: $(cat "$want")"; return 1; }
    diff "$want" "$got" || { echo "differs from Linux (above)"; return 1; }
}

@test "ocaml testsuite: the selection read OCaml's tests and kept only those of the standard library, native" {
    [ -f "$OB/tests.list" ] && [ -f "$OB/select.txt" ] || { echo "no $OB/tests.list (make test-build)"; return 1; }
    counts "$(head -n 1 "$OB/select.txt")"
    local read sel
    read=$(sed -n '1s/.*: \([0-9]*\) tests read.*/\1/p' "$OB/select.txt")
    sel=$(sed -n '1s/.* \([0-9]*\) selected$/\1/p' "$OB/select.txt")
    [ "$sel" = "$(wc -l <"$OB/tests.list")" ] || { echo "select.txt says $sel, the list has $(wc -l <"$OB/tests.list")"; return 1; }
    # OCaml 4.13.1's testsuite has over a thousand tests; about a fifth are of this kind.
    [ "$read" -gt 1000 ] && [ "$sel" -gt 200 ] && [ "$sel" -lt "$read" ] || { cat "$OB/select.txt"; return 1; }
    # None of the kept ones asks for another library, a C file, the toplevel or bytecode only.
    local src=$KILN_TOP/build/src/ocaml/testsuite/tests f bad=
    while IFS=$(printf '\t') read -r _ f _; do
        sed -n '/(\* *TEST/,/\*)/p' "$src/$f" |
            grep -Eq 'include +[a-z]|modules *=|readonly_files|ocamlrunparam|\* *(toplevel|expect|skip)$' &&
            ! sed -n '/(\* *TEST/,/\*)/p' "$src/$f" | grep -Eq '^ *include +testing$' && bad="$bad $f"
    done <"$OB/tests.list"
    [ -z "$bad" ] || { echo "selected but should not be:$bad"; return 1; }
    # And the ones that need a library are left, with their reason.
    grep -q 'left: .* (library dynlink)' "$OB/select.txt"
    grep -q 'left: .* (test hassysthreads)' "$OB/select.txt"
}

@test "ocaml testsuite: every name in expected is a selected test, under a reason" {
    local w n reason=0 names=0
    [ -f "$OB/tests.list" ] || { echo "no $OB/tests.list (make test-build)"; return 1; }
    # A paragraph: its comment (the reason), then its "fail NAME" or "mem NAME MIB" lines.
    while read -r w n _; do
        case $w in
        '') reason=0 ;;
        \#*) reason=1 ;;
        fail | mem)
            names=$((names + 1))
            cut -f1 "$OB/tests.list" | grep -qxF "$n" || { echo "expected names $n, which is not selected"; return 1; }
            [ "$reason" = 1 ] || { echo "no reason above '$w $n'"; return 1; } ;;
        *) echo "unknown line: $w $n"; return 1 ;;
        esac
    done <"$TS/expected"
    [ "$names" -gt 0 ]
}

@test "ocaml testsuite spt: every selected test's output is its reference, or it is an expected failure" {
    [ -f "$OB/spt/tests.list" ] || { echo "no $OB/spt/tests.list (make test-build)"; return 1; }
    # Two at a time (the machine has two cores; CI's too): the report is in order all the same.
    KILN_OCAMLTS_JOBS=2 run "$TS/run-tests" "$OB/spt" spt "$TS/expected" "$SPT"
    counts "$(printf '%s\n' "$output" | tail -n 1)"
    expect_status 0 "ocaml testsuite on spt: $(wc -l <"$OB/tests.list") run,"
}

@test "ocaml testsuite virtio: the subset's outputs are their references" {
    [ -f "$OB/virtio/tests.list" ] || { echo "no $OB/virtio/tests.list (make test-build)"; return 1; }
    run "$TS/run-tests" "$OB/virtio" virtio "$TS/expected" "$VRUN" -q
    counts "$(printf '%s\n' "$output" | tail -n 1)"
    expect_status 0 "ocaml testsuite on virtio: $(wc -l <"$OB/virtio/tests.list") run, "
}

@test "ocaml testsuite hvt: the subset's outputs are their references (case ocaml_testsuite)" {
    ocamlts_hvt_case ocaml_testsuite
    local d
    d=$(hvt_case_results 'ocaml_[gt]*')
    counts "$(grep '^ocaml testsuite on hvt' "$d/ocaml_testsuite.out")"
}

@test "ocaml: the wrapper passes an option's argument on as it is: -w -a links a unikernel" {
    cd "$BATS_TEST_TMPDIR"
    printf 'let () = let unused = 1 in print_endline "quiet"\n' >w.ml
    run "$OCAMLOPT" -w -a -z solo5-abi=spt -o w.spt w.ml
    expect_status 0
    [[ "$output" != *arning* ]] || { echo "warnings: $output"; return 1; }
    run timeout 60s "$SPT" --mem=16 w.spt
    expect_status 0 quiet
}

# ---- the GC stress program -------------------------------------------------------------

@test "ocaml gcstress spt: churn, major collections, finalisers, weak tables, Bigarray in --mem=64, as on Linux" {
    [ -f "$O/gcstress.spt" ] || { echo "no $O/gcstress.spt (make test-build)"; return 1; }
    run timeout 300s "$SPT" --mem=64 "$O/gcstress.spt" --solo5:quiet
    expect_status 0 "gcstress: done"
    gc_same_as_native "$output"
}

@test "ocaml gcstress virtio: the same in 64 MiB, as on Linux" {
    [ -f "$O/gcstress.virtio" ] || { echo "no $O/gcstress.virtio (make test-build)"; return 1; }
    run timeout -k 5 300 "$VRUN" -q -m 64 "$O/gcstress.virtio"
    not_hung
    [[ "$output" == *"Solo5: solo5_exit(0) called"* ]] || { echo "$output"; return 1; }
    gc_same_as_native "$(printf '%s\n' "$output" | tr -d '\r' | sed -n '/^churn$/,/^gcstress: done$/p')"
}

@test "ocaml gcstress hvt: the same in --mem=64, as on Linux (case ocaml_gcstress)" {
    ocamlts_hvt_case ocaml_gcstress
    local d
    d=$(hvt_case_results 'ocaml_[gt]*')
    gc_same_as_native "$(sed -n 's/^gcstress| //p' "$d/ocaml_gcstress.out")"
}
