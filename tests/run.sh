#!/bin/sh
# Runs every bats suite under tests/ as one TAP stream and ends with "N passed, M failed".
set -u
cd "$(dirname "$0")/.."
ulimit -c 0 # faulting guests are expected; leave no core files behind
log=build/tests/results.tap
mkdir -p build/tests
suites=${KILN_SUITES:-$(ls tests/*.bats)}
# shellcheck disable=SC2086
bats --tap $suites | tee "$log"
passed=$(grep -c '^ok ' "$log")
failed=$(grep -c '^not ok ' "$log")
planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$log" | head -n 1)
# A suite that died midway runs fewer tests than planned: count those as failed.
missing=$(( ${planned:-0} - passed - failed ))
[ "$missing" -gt 0 ] && failed=$((failed + missing))
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
