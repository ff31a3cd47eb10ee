# Host side of the hvt suite: tests/kvm/kvm-exec runs every case once (directly or in a VM),
# then each bats test reports one case's result.

# hvt_setup_file: runs every tests/hvt/cases/*.sh once per bats run, into build/tests/hvt:
# the first hvt*.bats file to ask runs them, the others reuse the results. Nothing runs
# if KILN_HVT_RESULTS already names the results of such a run. Prints the mode and the
# time taken as a TAP comment.
hvt_setup_file() {
    [ -z "${KILN_HVT_RESULTS-}" ] || { hvt_wait; return 0; }
    export KILN_HVT_RESULTS=$KILN_TOP/build/tests/hvt
    mkdir -p "$KILN_HVT_RESULTS"
    (
        flock 9
        [ ! -f "$BATS_RUN_TMPDIR/hvt-ran" ] || exit 0
        t0=$SECONDS
        "$KILN_TOP/tests/kvm/kvm-exec" "$KILN_HVT_RESULTS" "$KILN_TOP"/tests/hvt/cases/*.sh \
            >"$KILN_HVT_RESULTS.log" 2>&1 || true
        touch "$BATS_RUN_TMPDIR/hvt-ran"
        echo "# hvt: $(cat "$KILN_HVT_RESULTS/mode" 2>/dev/null || echo no) mode," \
            "$((SECONDS - t0)) s for all cases (log: $KILN_HVT_RESULTS.log)" >&3
    ) 9>"$BATS_RUN_TMPDIR/hvt.lock"
}

# hvt_wait: returns once the run of every case that tests/run.sh started in the background
# has ended (KILN_HVT_DONE exists), at once if there is none.
hvt_wait() {
    [ -n "${KILN_HVT_DONE-}" ] || return 0
    while [ ! -e "$KILN_HVT_DONE" ]; do sleep 2; done
}

# hvt_case NAME: passes if case NAME exited 0; otherwise prints its output, or, if it left
# no result, the end of the VM's console and of kvm-exec's log.
hvt_case() {
    hvt_wait
    local d=$KILN_HVT_RESULTS rc
    local mode
    mode=$(cat "$d/mode" 2>/dev/null || echo unknown)
    if [ ! -f "$d/$1.rc" ]; then
        echo "case $1 left no result ($mode mode)"
        if [ -f "$d/vm.log" ]; then
            echo "--- end of $d/vm.log"
            tail -n 40 "$d/vm.log" | cat -v
        fi
        if [ -f "$d.log" ]; then
            echo "--- end of $d.log"
            tail -n 20 "$d.log" | cat -v
        fi
        return 1
    fi
    rc=$(cat "$d/$1.rc")
    [ "$rc" = 0 ] && return 0
    echo "case $1 exited $rc ($mode mode); its output:"
    head -c 30000 "$d/$1.out" | cat -v
    return 1
}

# hvt_case_results PATTERN: prints the folder of hvt case results to read: KILN_HVT_RESULTS
# (the run of every case: tests/run.sh's, or an hvt suite's before this file), or
# build/tests/hvt if an hvt suite of this bats run made it, or else that of a kvm-exec run
# of the cases tests/hvt/cases/PATTERN.sh alone, once for this file.
hvt_case_results() {
    hvt_wait
    local d=${KILN_HVT_RESULTS-}
    [ -n "$d" ] || [ ! -f "$BATS_RUN_TMPDIR/hvt-ran" ] || d=$KILN_TOP/build/tests/hvt
    if [ -z "$d" ]; then
        d=$BATS_FILE_TMPDIR/hvt
        # shellcheck disable=SC2086
        [ -f "$d/mode" ] || "$KILN_TOP/tests/kvm/kvm-exec" "$d" \
            "$KILN_TOP"/tests/hvt/cases/$1.sh >"$d.log" 2>&1 || true
    fi
    echo "$d"
}
