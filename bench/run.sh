#!/bin/sh
# make bench: tender start-up cost and memory floor, as ratios to baselines measured now.
set -eu
cd "$(dirname "$0")/.."
B=build
SPT=$B/stage/bin/solo5-spt
QUIET=$B/tests/guest/quiet.spt
HELLO=$B/tests/guest/hello.spt
RUNS=${BENCH_RUNS:-301}

echo "== spt start-up: exec to guest exit, median of $RUNS paired runs (microseconds)"
printf '%-34s %10s %10s %9s\n' "case" "spt" "baseline" "ratio"
for mem in 2 512; do
    $B/bench/bench_exec "$RUNS" "quiet unikernel, --mem=$mem" \
        -- "$SPT" --mem=$mem "$QUIET" --solo5:quiet \
        -- $B/bench/exit_static
done
echo "(baseline: a static C program that only exits; target ratio <= 1.2)"

echo
echo "== smallest --mem (MB) at which hello runs"
mem=1
while [ $mem -le 64 ]; do
    if "$SPT" --mem=$mem "$HELLO" Hello_Solo5 >/dev/null 2>&1; then
        echo "hello.spt: $mem MB (target: 2 MB)"
        break
    fi
    mem=$((mem + 1))
done
[ $mem -le 64 ] || echo "hello.spt: does not run with 64 MB or less"

if [ -x bench/devices.sh ]; then bench/devices.sh; fi
