#!/bin/sh
# make bench, sockets: the http and echo examples over lwIP vs the same sources on Linux's TCP, each one virtual link from the client.
# Namespace C holds the client (wrk, sockpeer) and the unikernels' taps; namespace L the
# Linux builds, joined to C by a veth pair. Exits 1 if a row failed or missed its target.
set -u
cd "$(dirname "$0")/.." || exit 1
B=build
BIN=$B/stage/bin
EX=$B/examples
PEER=$B/tests/tools/sockpeer
OUT=$B/bench/sockets
KILN_TMP=$OUT/tmp
RUNS=${BENCH_SOCK_RUNS:-3}  # paired runs a row
DUR=${BENCH_WRK_SECONDS:-5} # s a wrk run
CONNS=${BENCH_WRK_CONNS:-16}
SPT_MB=${BENCH_BULK_MB:-64} # MiB echoed a bulk run on spt
VIRTIO_MB=${BENCH_VIRTIO_BULK_MB:-4}
IDLE=5 # s of idle CPU measured
. bench/hvt/benchlib.sh
. tests/lib/guest.sh
. tests/lib/sockets.sh
. bench/netlib.sh
NS=kbc$$
NSL=kbl$$
LINUX=10.9.0.2 # the Linux servers' address in L; the unikernels are 10.0.0.2 and 10.1.0.2
PIDS=
failed=0
rm -rf "$OUT"
mkdir -p "$KILN_TMP"
LOAD=$(cut -d ' ' -f 1-3 /proc/loadavg)

trap cleanup EXIT
trap 'exit 143' TERM INT HUP

# wrk_run HOST: a bounded wrk run from C; prints "rps N" and "p99 MICROSECONDS".
wrk_run() {
    ip netns exec "$NS" timeout $((DUR + 30)) wrk -t 1 -c "$CONNS" -d "${DUR}s" --latency \
        "http://$1/" >"$KILN_TMP/wrk.$1" 2>&1 || { cat "$KILN_TMP/wrk.$1"; return 1; }
    ! grep -q "Non-2xx" "$KILN_TMP/wrk.$1" || { echo "wrk: error responses"; return 1; }
    wrk_stats "$KILN_TMP/wrk.$1"
}

# bulk_run HOST MIB: MIB MiB through the echo server at HOST (sockpeer, checked); prints
# "mbs MB/s" of bytes echoed.
bulk_run() {
    t0=$(date +%s%N)
    ip netns exec "$NS" timeout 300 "$PEER" echo "$1" 7 $(($2 * 1048576)) || return 1
    t1=$(date +%s%N)
    awk -v b=$(($2 * 1048576)) -v t=$((t1 - t0)) 'BEGIN { print "mbs", b * 1000 / t }'
}

# cpu_ticks PID: utime + stime of PID so far, in clock ticks.
cpu_ticks() {
    sed 's/.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}

# idle_pct PID: the CPU PID uses over $IDLE s, in per cent of one core.
idle_pct() {
    a=$(cpu_ticks "$1") && sleep "$IDLE" && b=$(cpu_ticks "$1") &&
        awk -v d=$((b - a)) -v hz="$(getconf CLK_TCK)" -v s="$IDLE" \
            'BEGIN { printf "%.2f\n", d * 100 / (hz * s) }'
}

# child PID: the first child of PID (the server under timeout).
child() {
    awk '{ print $1 }' "/proc/$1/task/$1/children" 2>/dev/null
}

# (benchlib's pairs sets g, h, i, k and runs: the servers' pids are hpid and epid.)
# rows TARGET-NAME RPS P99 BULK MIB: the http and bulk rows of one target against the
# Linux servers; the unikernel's servers already serve at 10.0.0.2 and 10.1.0.2.
rows() {
    guest_cmd() { wrk_run 10.0.0.2; }
    host_cmd() { wrk_run "$LINUX"; }
    if pairs "$RUNS" rps p99; then
        pair_row "$1: requests/s" rps 1 ">=" "$2"
        pair_row "$1: p99 latency (us)" p99 1 "<=" "$3"
    else
        bench_fail "$1: requests/s" ">=" "$2" "$(cat "$KILN_TMP/why")"
        bench_fail "$1: p99 latency (us)" "<=" "$3" "$(cat "$KILN_TMP/why")"
    fi
    mib=$5
    guest_cmd() { bulk_run 10.1.0.2 "$mib"; }
    host_cmd() { bulk_run "$LINUX" "$mib"; }
    measure "$1: TCP echo, $mib MiB (MB/s)" mbs 1 ">=" "$4" "$RUNS"
}

# fail_rows TARGET-NAME RPS P99 BULK REASON: the rows of rows, not measured.
fail_rows() {
    bench_fail "$1: requests/s" ">=" "$2" "$5"
    bench_fail "$1: p99 latency (us)" "<=" "$3" "$5"
    bench_fail "$1: TCP echo (MB/s)" ">=" "$4" "$5"
}

# verdict: prints the rows just measured; notes one that failed or missed its target.
verdict() {
    cat "$KILN_TMP/row"
    ! bench_missed "$KILN_TMP/row" || failed=1
}

SPT="$BIN/solo5-spt --mem=64"
spt() {
    serve http.spt "$OUT/http.spt.log" "$NS" $SPT --net:service=tap100 -- \
        "$EX/http/http.spt" --ipv4=10.0.0.2/24 || { fail_rows spt 0.5 2 0.5 "no server"; return; }
    hpid=$SPID
    serve echo.spt "$OUT/echo.spt.log" "$NS" $SPT --net:service=tap101 -- \
        "$EX/echo/echo.spt" --ipv4=10.1.0.2/24 || { fail_rows spt 0.5 2 0.5 "no server"; return; }
    epid=$SPID
    # idle first: a server that has not yet served
    c=$(child "$hpid")
    if [ -n "$c" ] && g=$(idle_pct "$c") && l=$(idle_pct "$(child "$LH")"); then
        bench_value "spt: idle http server, % of a core" "$g" "<=" 1
        echo "(the Linux build, idle over the same $IDLE s: $l % of a core)" >"$KILN_TMP/idle"
    else
        bench_fail "spt: idle http server, % of a core" "<=" 1 "no process to read"
        : >"$KILN_TMP/idle"
    fi
    rows spt 0.5 2 0.5 "$SPT_MB"
    stop "$hpid" "$epid"
}

# Targets under TCG: spt's, scaled by TCG's cost (see the note printed after the rows).
virtio() {
    VRUN="$BIN/solo5-virtio-run -q"
    serve http.virtio "$OUT/http.virtio.log" "$NS" $VRUN -n tap100 -- \
        "$EX/http/http.virtio" --ipv4=10.0.0.2/24 || { fail_rows virtio 0.05 20 0.05 "no server"; return; }
    hpid=$SPID
    serve echo.virtio "$OUT/echo.virtio.log" "$NS" $VRUN -n tap101 -- \
        "$EX/echo/echo.virtio" --ipv4=10.1.0.2/24 || { fail_rows virtio 0.05 20 0.05 "no server"; return; }
    epid=$SPID
    rows virtio 0.05 20 0.05 "$VIRTIO_MB"
    stop "$hpid" "$epid"
}

bench_header "sockets: lwIP unikernels vs Linux's TCP, wrk -t 1 -c $CONNS -d ${DUR}s, median of $RUNS paired runs" \
    "requests/s, microseconds, MB/s, %" unikernel
if ! topology >"$KILN_TMP/ns" 2>&1; then
    why="no namespaces: $(tail -n 1 "$KILN_TMP/ns")"
    bench_fail "spt: idle http server, % of a core" "<=" 1 "$why"
    for t in "spt 0.5 2 0.5" "virtio 0.05 20 0.05"; do
        # shellcheck disable=SC2086
        fail_rows $t "$why"
    done
    exit 1
fi
serve http.linux "$OUT/http.linux.log" "$NSL" "$EX/http/http.linux" ||
    { echo "(the Linux build did not serve)"; exit 1; }
LH=$SPID
: >"$KILN_TMP/idle"
serve echo.linux "$OUT/echo.linux.log" "$NSL" "$EX/echo/echo.linux" ||
    { echo "(the Linux echo build did not serve)"; exit 1; }
spt >"$KILN_TMP/row" 2>&1
verdict
virtio >"$KILN_TMP/row" 2>&1
verdict
cat "$KILN_TMP/idle"
cat <<EOF
(the same examples/http and examples/echo sources: the unikernels on taps in the client's
 namespace, the Linux builds (gcc -O2) in a second namespace joined by a veth pair. wrk
 fetches the page over $CONNS keep-alive connections; TCP echo is sockpeer streaming and
 checking the bytes, its rate that of bytes echoed. The veth pair carries the kernel's
 GSO segments whole; a tap carries frames.)
(targets: spt 0.5x Linux's requests/s, p99 at most 2x; Unikraft, lwIP on KVM, serves
 nginx at 1.66x Linux. virtio runs under QEMU TCG, which costs a guest about 10x
 against native: its throughput targets are spt's over 10, its latency target spt's
 times 10. The veth link's MTU is 1500, as the taps'. Load average at the start:
 $LOAD, on $(nproc) CPUs shared by client and servers.)
(hvt's rows: bench/hvt.sh's "hvt sockets" section, bench/hvt/cases/sockets.sh, measured
 the same way in the hvt test VM's boot.)
EOF
exit $failed
