# Helpers of tests/virtio.bats: run solo5-virtio-run (QEMU) under a timeout that reports a hung QEMU.
VRUN=$BIN/solo5-virtio-run
MKIMAGE=$BIN/solo5-virtio-mkimage
MBEXIT=$KILN_TOP/build/tests/tools/mbexit
# Seconds one QEMU run may take before timeout kills it (TCG is slow, but not this slow).
VIRTIO_TIMEOUT=${KILN_VIRTIO_TIMEOUT:-120}

# need_virtio_guest NAME: skips the test when this build has no virtio target at all
# (the bindings are not staged); a staged target with NAME.virtio missing is a failure.
need_virtio_guest() {
    if [ ! -f "$KILN_TOP/build/stage/lib/x86_64-solo5-none-static/solo5_virtio.o" ]; then
        skip "no virtio bindings in this build (virtio not in TARGETS)"
    fi
    [ -f "$GUEST/$1.virtio" ] || { echo "$GUEST/$1.virtio was not built (make test-build)"; return 1; }
}

# vrun ARGS...: solo5-virtio-run -q ARGS under timeout; sets status and output (both streams).
vrun() {
    run timeout -k 5 "$VIRTIO_TIMEOUT" "$VRUN" -q "$@" </dev/null
}

# qemu_without_rng DIR: writes DIR/qemu, the launcher's QEMU ($QEMU) with RDRAND and
# RDSEED taken out of its -cpu model, and prints its path (for QEMU=... vrun).
qemu_without_rng() {
    printf '%s\n' '#!/bin/sh' 'n=$# prev=' 'while [ "$n" -gt 0 ]; do' \
        '    a=$1; shift; n=$((n - 1))' '    [ "$prev" = -cpu ] && a=$a,-rdrand,-rdseed' \
        '    prev=$a; set -- "$@" "$a"' 'done' \
        "exec ${QEMU:-qemu-system-x86_64} \"\$@\"" >"$1/qemu"
    chmod +x "$1/qemu"
    echo "$1/qemu"
}

# not_hung: fails, saying so, when the last run was killed by its timeout.
not_hung() {
    case $status in
    124 | 137) echo "QEMU hung: killed after $VIRTIO_TIMEOUT s (status $status); output: $output"
        return 1 ;;
    esac
}

# expect_virtio_success: the guest exited through isa-debug-exit (0) and printed SUCCESS.
expect_virtio_success() {
    not_hung || return 1
    [ "$status" -eq 0 ] || { echo "status $status, output: $output"; return 1; }
    [[ "$output" == *SUCCESS* ]] || { echo "no SUCCESS in: $output"; return 1; }
}

# expect_virtio_abort [TEXT]: the guest exited through isa-debug-exit (0: its status is not
# conveyed) after an ABORT line and, if given, TEXT; and without SUCCESS.
expect_virtio_abort() {
    not_hung || return 1
    [ "$status" -eq 0 ] || { echo "status $status, output: $output"; return 1; }
    [[ "$output" == *"Solo5: ABORT"* ]] || { echo "no ABORT in: $output"; return 1; }
    [[ "$output" != *SUCCESS* ]] || { echo "SUCCESS in: $output"; return 1; }
    [ -z "${1-}" ] || [[ "$output" == *"$1"* ]] || { echo "no '$1' in: $output"; return 1; }
}

# vrun_bg LOG ARGS...: solo5-virtio-run -q ARGS in the background in the namespace, under a
# timeout of 300 s; waits until the guest runs (its devices attached).
vrun_bg() {
    local log=$1
    shift
    ip netns exec "$KILN_NS" timeout -k 5 300 "$VRUN" -q "$@" >"$log" 2>&1 </dev/null &
    VRUN_PID=$!
    guest_started "$log" "$VRUN_PID" 600 && return 0
    echo "the guest did not start: $(cat "$log")"
    return 1
}

# wait_vrun LOG: waits for the background launcher; sets status and output from LOG.
wait_vrun() {
    status=0
    wait "$VRUN_PID" || status=$?
    VRUN_PID=
    output=$(cat "$1")
}

# kill_vrun: stops a background launcher a failed test left behind (QEMU holds the taps);
# timeout passes the TERM on to the launcher, which passes it to QEMU.
kill_vrun() {
    [ -z "${VRUN_PID-}" ] || kill -TERM "$VRUN_PID" 2>/dev/null || true
    [ -z "${VRUN_PID-}" ] || wait "$VRUN_PID" 2>/dev/null || true
    VRUN_PID=
}

# ping_ok (tests/helpers.bash) at most 1000/s: the guest runs on an emulated CPU.
PING_INTERVAL=0.001
PING_TIMEOUT=120

# blk_on_disk FILE BS: the blk guest's pattern is on disk (tests/lib/blk.sh).
source "$KILN_TOP/tests/lib/blk.sh"
blk_on_disk() {
    blk_pattern_check "$1" "$2"
}

# qemu_left TAG: QEMU processes whose command line has TAG (there should be none).
qemu_left() {
    pgrep -f -- "qemu-system-x86_64 .*$1" || true
}
