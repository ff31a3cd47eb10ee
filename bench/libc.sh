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

# row LABEL MODE N TARGET: RUNS paired runs (benchlib's pairs) of MODE N.
row() {
    mode=$2 n=$3
    guest_cmd() { "$SPT" --mem=64 "$GUEST" "$mode" "$n"; }
    host_cmd() { "$HOST" "$mode" "$n"; }
    if pairs "$RUNS" kops; then
        pair_row "$1" kops 1 ">=" "$4"
    else
        bench_fail "$1" ">=" "$4" "$(cat "$KILN_TMP/why")"
    fi
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
