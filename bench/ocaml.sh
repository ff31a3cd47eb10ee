#!/bin/sh
# make bench: OCaml programs as spt unikernels against the same built natively, and OCaml's start-up against C's.
# The workloads (bench/ocaml/*.ml) are compiled once by the host's ocamlopt and linked
# both as a spt unikernel (Kiln's OCaml runtime over picolibc) and natively for Linux
# (Debian's runtime over glibc): a row is the unikernel's rate (whole runs per minute,
# exec to exit, median of paired runs in alternating order, bench_exec) over the native
# program's, after a check that both print the same. The start-up row is exec to exit
# of an OCaml unikernel whose program does nothing against a C unikernel (picolibc)
# whose main returns at once, both on spt with the same memory. Exits 1 if a row
# missed its target or could not be measured.
set -eu
cd "$(dirname "$0")/.."
. bench/hvt/benchlib.sh
B=build
SPT=$B/stage/bin/solo5-spt
ML=${BENCH_OCAML_DIR:-$B/bench/ocaml}
RUNS=${BENCH_OCAML_RUNS:-5}
START_RUNS=${BENCH_OCAML_START_RUNS:-101}
DEPTH=${BENCH_OCAML_DEPTH:-18}
ROUNDS=${BENCH_OCAML_ROUNDS:-500}
BENCH_EXEC=$B/bench/bench_exec
KILN_TMP=$(mktemp -d)
trap 'rm -rf "$KILN_TMP"' EXIT
MEM=128

# rate_row LABEL NAME ARG...: NAME.spt on spt against NAME.native with the same ARGs.
rate_row() {
    l=$1 n=$2
    shift 2
    if ! "$SPT" --mem=$MEM "$ML/$n.spt" --solo5:quiet "$@" >"$KILN_TMP/g" 2>&1; then
        bench_fail "$l" ">=" 0.95 "unikernel: $(tail -n 1 "$KILN_TMP/g" | cut -c 1-60)"
        return
    fi
    "$ML/$n.native" "$@" >"$KILN_TMP/h" 2>&1 || {
        bench_fail "$l" ">=" 0.95 "native: $(tail -n 1 "$KILN_TMP/h" | cut -c 1-60)"
        return
    }
    if ! cmp -s "$KILN_TMP/g" "$KILN_TMP/h"; then
        bench_fail "$l" ">=" 0.95 "the two print different results"
        return
    fi
    if "$BENCH_EXEC" "$RUNS" "$l" -- "$SPT" --mem=$MEM "$ML/$n.spt" --solo5:quiet "$@" \
        -- "$ML/$n.native" "$@" >"$KILN_TMP/exec" 2>&1; then
        # shellcheck disable=SC2046 # the two medians (microseconds), before the ratio
        set -- $(awk '{ print $(NF - 2), $(NF - 1) }' "$KILN_TMP/exec")
        bench_row "$l" "$(awk -v t="$1" 'BEGIN { print 60e6 / t }')" \
            "$(awk -v t="$2" 'BEGIN { print 60e6 / t }')" ">=" 0.95
    else
        bench_fail "$l" ">=" 0.95 "$(tail -n 1 "$KILN_TMP/exec")"
    fi
}

bench_header "OCaml: spt unikernel vs the same program native on Linux, median of $RUNS paired runs" \
    "runs/minute" spt
rate_row "binary trees, depth $DEPTH" binarytrees "$DEPTH" | tee "$KILN_TMP/rows"
rate_row "strings, $ROUNDS rounds" strings "$ROUNDS" | tee -a "$KILN_TMP/rows"
echo "(baseline: the same .cmx linked by the host's ocamlopt with Debian's runtime and"
echo " glibc; the unikernel: Kiln's OCaml runtime over picolibc, --mem=$MEM)"

bench_header "OCaml start-up: exec to exit, median of $START_RUNS paired runs" microseconds spt
exec_row "OCaml unikernel, program empty" "<=" 1.5 "$START_RUNS" \
    "$SPT" --mem=32 "$ML/startup.spt" --solo5:quiet -- \
    "$SPT" --mem=32 "$B/bench/guest/startup.spt" --solo5:quiet | tee -a "$KILN_TMP/rows"
echo "(baseline: a C unikernel over picolibc whose main returns at once, --mem=32 both;"
echo " target 1.5x: the OCaml runtime's own set-up before the program, its heaps and"
echo " the standard library's initialisation, on top of the same tender and C runtime)"
# The exit status: 0 only if every row met its target.
! bench_missed "$KILN_TMP/rows"
