#!/bin/sh
# make bench: the C runtime (picolibc on spt) against the same program built with glibc.
# Each row is throughput (thousand operations per second) of the unikernel over that
# of bench/guest/libc/libc.c compiled for Linux with glibc, median of paired runs,
# both writing to the same kind of file.
set -eu
cd "$(dirname "$0")/.."
. bench/hvt/benchlib.sh
B=build
SPT=$B/stage/bin/solo5-spt
GUEST=$B/bench/guest/libc.spt
HOST=$B/bench/libc_glibc
RUNS=${BENCH_LIBC_RUNS:-5}
KILN_TMP=$(mktemp -d)
trap 'rm -rf "$KILN_TMP"' EXIT

# kops MODE N CMD...: runs CMD MODE N with output to a file; prints its kops/s.
kops() {
    mode=$1 n=$2
    shift 2
    "$@" "$mode" "$n" >"$KILN_TMP/out" 2>&1 || return 1
    awk -v n="$n" '$1 == "ns" { printf "%.1f\n", n / $2 * 1e6; ok = 1 } END { exit !ok }' \
        "$KILN_TMP/out"
}

# row LABEL MODE N TARGET: RUNS paired runs, alternating which goes first.
row() {
    : >"$KILN_TMP/g"
    : >"$KILN_TMP/h"
    i=0
    while [ $i -lt "$RUNS" ]; do
        if [ $((i % 2)) -eq 0 ]; then
            kops "$2" "$3" "$SPT" --mem=64 "$GUEST" >>"$KILN_TMP/g" || break
            kops "$2" "$3" "$HOST" >>"$KILN_TMP/h" || break
        else
            kops "$2" "$3" "$HOST" >>"$KILN_TMP/h" || break
            kops "$2" "$3" "$SPT" --mem=64 "$GUEST" >>"$KILN_TMP/g" || break
        fi
        i=$((i + 1))
    done
    if [ $i -lt "$RUNS" ]; then
        bench_fail "$1" ">=" "$4" "a run failed: $(tail -n 1 "$KILN_TMP/out")"
        return
    fi
    bench_row "$1" "$(median "$KILN_TMP/g")" "$(median "$KILN_TMP/h")" ">=" "$4"
}

bench_header "C runtime: picolibc on spt vs glibc on Linux, median of $RUNS paired runs" \
    "thousand operations/s" spt
row "printf, stdout to a file" printf 200000 0.25
row "printf, line-buffered stdout" printf-line 200000 0.8
row "snprintf (formatting only)" snprintf 200000 0.8
row "malloc/free churn (1024 blocks)" malloc 400000 0.5
echo "(baseline: the same source, gcc -O2 against glibc; Kiln's console is line"
echo " buffered, so a printed line is one console write: glibc buffers a file 4 KiB"
echo " at a time, and a terminal line by line)"
