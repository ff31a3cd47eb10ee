#!/bin/sh
# Runs every bats suite under tests/ (TAP, one stream per suite) and ends with
# "N passed, M failed, K skipped". Skipped tests are not passed ones, and a
# suite that runs no test at all (none, or all skipped) counts as a failure.
set -u
cd "$(dirname "$0")/.."
ulimit -c 0 # faulting guests are expected; leave no core files behind
# This run's TAP, kept as build/tests/results.tap at the end; per-suite streams in
# a file of this run's own, so two runs at once do not mix their counts.
mkdir -p build/tests
log=$(mktemp build/tests/results.XXXXXX)
one=$(mktemp build/tests/suite.XXXXXX)
trap 'rm -f "$one"; [ ! -f "$log" ] || mv "$log" build/tests/results.tap' EXIT
# tests/*.bats, and the suites the build generates (picolibc's tests, one bats
# test each: tests/libc/gen-bats); tests/libc.bats fails if that one is missing.
suites=${KILN_SUITES:-$(ls tests/*.bats build/tests/*.bats 2>/dev/null)}
passed=0 failed=0 skipped=0
# The hvt cases run once for all hvt suites (one VM boot where there is no KVM), in the
# background while the suites that do not read their results run first; the readers
# (those that load tests/hvt/helpers.bash or call its functions) wait for $KILN_HVT_DONE
# (hvt_wait). A TAP comment per case as it finishes ("# hvt case NAME: rc N, S s"), the
# rest to the log.
hvt_readers=$(grep -l 'hvt/helpers\|hvt_case\|hvt_setup_file\|libc_suite_setup_file\|hvt_result' $suites)
hvt_pid=
if [ -z "${KILN_HVT_RESULTS-}" ] && [ -n "$hvt_readers" ]; then
    export KILN_HVT_RESULTS=$(pwd)/build/tests/hvt KILN_HVT_DONE=$(pwd)/build/tests/hvt.done
    rm -f "$KILN_HVT_DONE"
    : >build/tests/hvt.log
    (
        t0=$(date +%s)
        tests/kvm/kvm-exec "$KILN_HVT_RESULTS" tests/hvt/cases/*.sh 2>>build/tests/hvt.log |
            while IFS= read -r l; do
                printf '%s\n' "$l" >>build/tests/hvt.log
                printf '# hvt %s\n' "$l"
            done
        echo "# hvt cases: $(cat "$KILN_HVT_RESULTS/mode" 2>/dev/null || echo no) mode," \
            "$(($(date +%s) - t0)) s (log: build/tests/hvt.log)"
        touch "$KILN_HVT_DONE"
    ) &
    hvt_pid=$!
fi
# The suites that read no hvt result first, in their order, then the others.
suites="$(for s in $suites; do echo "$hvt_readers" | grep -qx "$s" || echo "$s"; done)
$hvt_readers"
for s in $suites; do
    t0=$(date +%s)
    bats --tap "$s" | tee "$one"
    echo "# $s: $(($(date +%s) - t0)) s"
    cat "$one" >>"$log"
    sk=$(grep -Eci '^ok [0-9]+ .*# skip' "$one")
    p=$(($(grep -c '^ok ' "$one") - sk))
    f=$(grep -c '^not ok ' "$one")
    planned=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$one" | head -n 1)
    # A suite that died midway runs fewer tests than planned: count those as failed.
    missing=$((${planned:-0} - p - f - sk))
    [ "$missing" -gt 0 ] && f=$((f + missing))
    if [ $((p + f)) -eq 0 ]; then
        echo "# $s ran no test"
        f=1
    fi
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + sk))
done
[ -z "$hvt_pid" ] || wait "$hvt_pid"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
