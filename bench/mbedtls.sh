#!/bin/sh
# make bench: mbed TLS's own benchmark program on spt against the same source built for Linux.
# Each row is a throughput (MiB/s) that programs/test/benchmark.c measures (blocks of
# 1 KiB for one second), of the unikernel over that of the same source and config.h
# built for Linux by mbed TLS's CMake with the host's cc, median of paired runs taken
# in alternating order. Only the algorithms of the rows run (the program's arguments).
set -eu
cd "$(dirname "$0")/.."
. bench/hvt/benchlib.sh
B=build
SPT=$B/stage/bin/solo5-spt
GUEST=${BENCH_TLS_GUEST:-$B/bench/mbedtls/benchmark.spt}
HOST=${BENCH_TLS_HOST:-$B/bench/mbedtls/benchmark_linux}
RUNS=${BENCH_TLS_RUNS:-5}
ALGS="aes_gcm sha256"
KILN_TMP=$(mktemp -d)
trap 'rm -rf "$KILN_TMP"' EXIT

# kib FILE: the program's "  TITLE : N KiB/s, M cycles/byte" lines as "TITLE N".
kib() {
    awk '$2 == ":" && $4 == "KiB/s," { print $1, $3 }' "$1"
}
# The runs for benchlib's pairs: the output as "TITLE KiB/s" lines, or, when the
# program fails, what it printed. $ALGS is split into the program's arguments.
# shellcheck disable=SC2086
guest_cmd() {
    "$SPT" --mem=32 "$GUEST" $ALGS >"$KILN_TMP/graw" 2>&1 || { cat "$KILN_TMP/graw"; return 1; }
    kib "$KILN_TMP/graw"
}
# shellcheck disable=SC2086
host_cmd() {
    "$HOST" $ALGS >"$KILN_TMP/hraw" 2>&1 || { cat "$KILN_TMP/hraw"; return 1; }
    kib "$KILN_TMP/hraw"
}

bench_header "mbed TLS's benchmark program: spt vs Linux, median of $RUNS paired runs" MiB/s spt
if pairs "$RUNS" AES-GCM-128 AES-GCM-256 SHA-256; then
    for k in AES-GCM-128 AES-GCM-256 SHA-256; do
        pair_row "$k" "$k" 1024 ">=" 0.95
    done
else
    for k in AES-GCM-128 AES-GCM-256 SHA-256; do
        bench_fail "$k" ">=" 0.95 "$(cat "$KILN_TMP/why")"
    done
fi
echo "(baseline: the same benchmark.c, mbed TLS source and config.h, built for Linux by"
echo " mbed TLS's CMake with the host's cc, glibc; each run: $ALGS, one second per"
echo " algorithm and key size, the alarm polled on the clock on both sides)"
