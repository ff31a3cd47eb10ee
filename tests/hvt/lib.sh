# Helpers every hvt case sources: run solo5-hvt, check its verdict, test taps in a namespace.
# POSIX sh, and only tool options busybox has too: the test VM runs the cases with the
# host's dash but busybox's grep, od, stat, seq... (and the host's ip, ping, timeout).
# Environment (set by tests/kvm/run-cases): KILN_BIN KILN_GUEST KILN_TOOLS KILN_TENDERS
# KILN_DATA KILN_TMP (fresh per case) KILN_KVMCHECK KILN_HVT_MODE (direct or vm).
# A case calls the checks in order; the first that does not hold exits 1 with the reason.
set -u
HVT_LIB_DIR=$(cd "$(dirname "$0")/.." && pwd)
KILN_NETNS_TOOL=$HVT_LIB_DIR/../../scripts/kiln-netns
# KILN_HVT_TENDER: another tender to run (a specialized one), default solo5-hvt.
HVT=${KILN_HVT_TENDER:-$KILN_BIN/solo5-hvt}
# Guest memory for hvt_run, in MiB: enough for every test guest, small for a slow VM.
HVT_MEM=${KILN_HVT_MEM:-32}
# Network cases scale their ping counts by this (the VM emulates the CPU: fewer pings).
# shellcheck disable=SC2034
if [ "${KILN_HVT_MODE-}" = vm ]; then NET_SCALE=10; else NET_SCALE=1; fi

fail() {
    echo "FAIL: $*"
    exit 1
}

# show: logs the last run, so a failed case's output says what each run did.
show() {
    echo "\$ solo5-hvt $HVT_ARGS"
    echo "status $status, output:"
    printf '%s\n' "$output" | head -n 100
    echo "----"
}

# hvt_run ARGS...: solo5-hvt --mem=$HVT_MEM ARGS with a 60 s timeout; sets status, output.
hvt_run() {
    hvt_run_mem "$HVT_MEM" "$@"
}

# hvt_run_mem MIB ARGS...: the same with another memory size.
hvt_run_mem() {
    mem=$1
    shift
    HVT_ARGS="--mem=$mem $*"
    status=0
    # shellcheck disable=SC2086
    ${HVT_WRAP-} timeout 60 "$HVT" --mem="$mem" "$@" >"$KILN_TMP/run.out" 2>&1 \
        </dev/null || status=$?
    output=$(head -c 1048576 "$KILN_TMP/run.out")
    show
}

# has TEXT: the output contains TEXT.
has() {
    case $output in *"$1"*) return 0 ;; esac
    return 1
}

expect_text() {
    has "$1" || fail "no '$1' in the output"
}

# expect_line REGEX: some whole line of the output matches the extended REGEX.
expect_line() {
    printf '%s\n' "$output" | grep -Eqx -- "$1" || fail "no line matching '$1'"
}

expect_no_text() {
    ! has "$1" || fail "'$1' in the output"
}

# expect_success: the guest exited 0 and printed SUCCESS.
expect_success() {
    [ "$status" -eq 0 ] || fail "status $status, want 0"
    expect_text SUCCESS
}

# expect_abort: the guest aborted (255) and printed an ABORT line.
expect_abort() {
    [ "$status" -eq 255 ] || fail "status $status, want 255 (abort)"
    expect_text "Solo5: ABORT"
}

# expect_status N [TEXT]: exit status N and, if given, TEXT somewhere in the output.
expect_status() {
    [ "$status" -eq "$1" ] || fail "status $status, want $1"
    [ -z "${2-}" ] || expect_text "$2"
}

# img FILE SIZE: a fresh sparse file of SIZE bytes (zeros).
img() {
    rm -f "$1"
    truncate -s "$2" "$1"
}

# ---- network: taps in a private namespace, as scripts/kiln-netns makes them ----

# net_setup: creates this case's namespace (tap100 10.0.0.1/24, tap101 10.1.0.1/24,
# tap102 mtu 9000); it and any background tender go away when the case exits.
net_setup() {
    KILN_NS=hvt$$
    HVT_PID=
    trap net_cleanup EXIT
    trap 'exit 143' TERM INT HUP
    "$KILN_NETNS_TOOL" create "$KILN_NS" || fail "could not create the namespace"
}

# The background tender runs under timeout, which passes TERM on to it.
net_cleanup() {
    [ -z "$HVT_PID" ] || kill -TERM "$HVT_PID" 2>/dev/null || true
    "$KILN_NETNS_TOOL" destroy "$KILN_NS" || true
}

in_ns() {
    ip netns exec "$KILN_NS" "$@"
}

# hvt_run_ns ARGS...: hvt_run inside the namespace.
hvt_run_ns() {
    HVT_WRAP="ip netns exec $KILN_NS"
    hvt_run "$@"
    HVT_WRAP=
}

# hvt_bg LOG ARGS...: starts solo5-hvt (timeout 300 s) inside the namespace in the
# background and waits until the guest runs.
hvt_bg() {
    log=$1
    shift
    HVT_ARGS="--mem=$HVT_MEM $*"
    # Not in_ns: a backgrounded function is a subshell, and $! would be its pid.
    ip netns exec "$KILN_NS" timeout 300 "$HVT" --mem="$HVT_MEM" "$@" >"$log" 2>&1 \
        </dev/null &
    HVT_PID=$!
    wait_started "$log"
}

# wait_started LOG: waits (up to 60 s) until the guest runs, so its taps are attached
# before anything is sent: a tap no one reads drops frames and fails ARP.
. "$HVT_LIB_DIR/../lib/guest.sh"
wait_started() {
    guest_started "$1" "$HVT_PID" 600 || fail "the guest did not start: $(cat "$1")"
}

# wait_hvt LOG: waits for the background tender; sets status and output from its log.
wait_hvt() {
    status=0
    wait "$HVT_PID" || status=$?
    HVT_PID=
    output=$(head -c 1048576 "$1")
    show
}

# ping_ok ADDR COUNT SIZE: sends exactly COUNT echo requests of SIZE bytes, at most
# 5000/s; each must come back, intact, within 10 s of the last (tests/tools/pingcount:
# ping(8) counts a reply later than twice its largest round trip as lost, which a
# loaded VM can make).
ping_ok() {
    out=$(in_ns timeout 120 "$KILN_TOOLS/pingcount" "$1" "$2" "$3" 200 10 2>&1) ||
        fail "ping $1 x$2 size $3: $out"
    echo "ping $1: $2 x $3 bytes answered"
}

# wait_text LOG TEXT: waits (up to 10 s) until the background guest's LOG shows TEXT.
wait_text() {
    for _ in $(seq 100); do
        grep -q "$2" "$1" && return 0
        sleep 0.1
    done
    fail "the guest did not get to '$2': $(cat "$1")"
}

# hvt_signal SIG READY ARGS...: starts solo5-hvt ARGS in the background (in this case's
# namespace if it has one), waits until its output shows READY, checks it keeps running
# for 2 s, sends it signal SIG and expects "Exiting on signal SIG", exit 1, and the
# process gone; a tender that does not end is killed after 10 s (status 137).
hvt_signal() {
    sig=$1 ready=$2
    shift 2
    log=$KILN_TMP/signal.log
    HVT_ARGS="$*"
    # ip netns exec and plain exec both keep the tender's pid for $!.
    ${KILN_NS:+ip netns exec "$KILN_NS"} "$HVT" "$@" >"$log" 2>&1 </dev/null &
    HVT_PID=$!
    wait_text "$log" "$ready"
    sleep 2
    kill -0 "$HVT_PID" 2>/dev/null || fail "the tender did not keep running: $(cat "$log")"
    kill "-$sig" "$HVT_PID"
    (sleep 10 && kill -9 "$HVT_PID") >/dev/null 2>&1 &
    dog=$!
    pid=$HVT_PID
    wait_hvt "$log"
    kill "$dog" 2>/dev/null
    expect_status 1
    expect_line "solo5-hvt: Exiting on signal $sig"
    ! kill -0 "$pid" 2>/dev/null || fail "the tender is still there"
}

# evil_run CMDS...: the malicious test guest (tests/guest/evil) with 8 MiB and its block
# device on $KILN_TMP/disk, which the case made.
evil_run() {
    hvt_run_mem 8 --block:storage="$KILN_TMP/disk" -- "$KILN_GUEST/evil.hvt" "$@"
}

# ---- block devices ------------------------------------------------------------

# byte FILE OFFSET: the byte at OFFSET, in decimal.
byte() {
    od -An -t u1 -j "$2" -N 1 "$1" | tr -d ' '
}

# blk_on_disk FILE BS: the blk guest's pattern is on disk (tests/lib/blk.sh).
. "$HVT_LIB_DIR/../lib/blk.sh"
blk_on_disk() {
    why=$(blk_pattern_check "$1" "$2") || fail "$why"
}

# ---- ELF files ----------------------------------------------------------------

# u64 FILE OFFSET / u32 / u16: a little-endian field, in decimal.
u64() { od -An -t u8 -j "$2" -N 8 "$1" | tr -d ' '; }
u32() { od -An -t u4 -j "$2" -N 4 "$1" | tr -d ' '; }
u16() { od -An -t u2 -j "$2" -N 2 "$1" | tr -d ' '; }

# note_offset FILE TYPE: file offset of the first PT_NOTE whose first note has type
# TYPE (decimal); no readelf needed.
note_offset() {
    phoff=$(u64 "$1" 32)
    phnum=$(u16 "$1" 56)
    i=0
    while [ "$i" -lt "$phnum" ]; do
        ph=$((phoff + 56 * i))
        if [ "$(u32 "$1" "$ph")" -eq 4 ]; then
            off=$(u64 "$1" $((ph + 8)))
            [ "$(u32 "$1" $((off + 8)))" -eq "$2" ] && {
                echo "$off"
                return 0
            }
        fi
        i=$((i + 1))
    done
    return 1
}

# put_bytes FILE OFFSET OCTAL...: overwrites bytes (given as octal escapes) at OFFSET.
put_bytes() {
    f=$1
    off=$2
    shift 2
    s=
    for b in "$@"; do s="$s\\$b"; done
    # shellcheck disable=SC2059
    printf "$s" | dd of="$f" bs=1 seek="$off" conv=notrunc 2>/dev/null
}
