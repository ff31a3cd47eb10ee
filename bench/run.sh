#!/bin/sh
# make bench: tender start-up cost and memory floor, as ratios to baselines measured now.
set -eu
cd "$(dirname "$0")/.."
B=build
SPT=$B/stage/bin/solo5-spt
QUIET=$B/bench/guest/quiet.spt
HELLO=$B/tests/guest/hello.spt
RUNS=${BENCH_RUNS:-301}
KILN_TMP=$(mktemp -d)
BENCH_EXEC=$B/bench/bench_exec
trap 'rm -rf "$KILN_TMP"' EXIT
trap 'exit 130' INT TERM
. bench/hvt/benchlib.sh

bench_header "spt start-up: exec to guest exit, median of $RUNS paired runs" microseconds spt
for mem in 2 512; do
    exec_row "quiet unikernel, --mem=$mem" "<=" 1.2 "$RUNS" \
        "$SPT" --mem=$mem "$QUIET" --solo5:quiet -- $B/bench/exit_static
done
echo "(baseline: a static C program that only exits)"

bench_header "smallest --mem at which hello runs" MB spt
mem=1
while [ $mem -le 64 ]; do
    if "$SPT" --mem=$mem "$HELLO" Hello_Solo5 >/dev/null 2>&1; then
        break
    fi
    mem=$((mem + 1))
done
if [ $mem -le 64 ]; then
    bench_value "hello.spt" $mem "<=" 2
else
    bench_fail "hello.spt" "<=" 2 "does not run with 64 MB or less"
fi

if [ -x bench/devices.sh ]; then bench/devices.sh; fi
