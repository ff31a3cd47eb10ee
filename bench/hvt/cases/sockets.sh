#!/bin/sh
# hvt sockets: the http and echo examples on hvt vs their Linux builds one veth link away.
# title: hvt sockets: lwIP unikernels vs Linux's TCP
# row: >= 0.5 hvt: requests/s
# row: <= 2 hvt: p99 latency (us)
# row: >= 0.5 hvt: TCP echo (MB/s)
# The client (wrk, sockpeer) and the unikernels' taps sit in the case's namespace (C);
# the Linux builds (gcc -O2, the same sources) in a second one (L) joined to C by a veth
# pair, as bench/sockets.sh does for spt and virtio.
. "$(dirname "$0")/../lib.sh"
. "$HVT_LIB_DIR/../lib/sockets.sh"
. "$KILN_TOOLS/benchlib.sh"
if [ "$KILN_HVT_MODE" = vm ]; then
    DUR=${BENCH_HVT_WRK_SECONDS:-3} MIB=${BENCH_HVT_BULK_MB:-4} RUNS=${BENCH_HVT_SOCK_RUNS:-5}
else
    DUR=5 MIB=64 RUNS=3
fi
CONNS=${BENCH_HVT_WRK_CONNS:-16}
LINUX=10.9.0.2
PIDS=
net_setup
NSL=${KILN_NS}l
cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for p in $PIDS; do wait "$p" 2>/dev/null; done
    ip netns del "$NSL" 2>/dev/null
    net_cleanup
}
trap cleanup EXIT

ip netns add "$NSL" && ip -n "$NSL" link set lo up &&
    in_ns ip link add kbc type veth peer name kbl netns "$NSL" &&
    in_ns ip addr add 10.9.0.1/24 dev kbc && ip -n "$NSL" addr add "$LINUX/24" dev kbl &&
    in_ns ip link set kbc up && ip -n "$NSL" link set kbl up ||
    fail "no veth pair between the namespaces (is the veth module loaded?)"

# serve NAME NS CMD...: a server in namespace NS in the background until it says it
# serves (its log: $KILN_TMP/NAME.log).
serve() {
    name=$1 ns=$2
    shift 2
    ip netns exec "$ns" timeout -k 5 600 "$@" >"$KILN_TMP/$name.log" 2>&1 </dev/null &
    PIDS="$PIDS $!"
    guest_serving "$KILN_TMP/$name.log" "$!" 1200 ||
        fail "$name did not serve: $(tail -n 3 "$KILN_TMP/$name.log")"
}

# ms: this system's uptime in milliseconds (busybox's date has no %N).
ms() {
    awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime
}

# wrk_run HOST: a bounded wrk run from C; prints "rps N" and "p99 MICROSECONDS".
wrk_run() {
    in_ns timeout $((DUR + 60)) "$KILN_TOOLS/wrk" -t 1 -c "$CONNS" -d "${DUR}s" --latency \
        "http://$1:80/" >"$KILN_TMP/wrk.$1" 2>&1 || { cat "$KILN_TMP/wrk.$1"; return 1; }
    ! grep -q "Non-2xx" "$KILN_TMP/wrk.$1" || { echo "wrk: error responses"; return 1; }
    wrk_stats "$KILN_TMP/wrk.$1"
}

# bulk_run HOST: $MIB MiB through the echo server at HOST (sockpeer checks every byte);
# prints "mbs MB/s" of bytes echoed.
bulk_run() {
    t0=$(ms)
    in_ns timeout 200 "$KILN_TOOLS/sockpeer" echo "$1" 7 $((MIB * 1048576)) || return 1
    t1=$(ms)
    awk -v b=$((MIB * 1048576)) -v t=$((t1 - t0)) 'BEGIN { print "mbs", b / (t * 1000) }'
}

serve http.linux "$NSL" "$KILN_TOOLS/http.linux"
serve echo.linux "$NSL" "$KILN_TOOLS/echo.linux"
serve http.hvt "$KILN_NS" "$HVT" --mem=64 --net:service=tap100 -- \
    "$KILN_GUEST/example_http.hvt" --ipv4=10.0.0.2/24
serve echo.hvt "$KILN_NS" "$HVT" --mem=64 --net:service=tap101 -- \
    "$KILN_GUEST/example_echo.hvt" --ipv4=10.1.0.2/24

bench_header "hvt sockets: lwIP unikernels vs Linux's TCP, wrk -t 1 -c $CONNS -d ${DUR}s, echo $MIB MiB, median of $RUNS paired runs" \
    "requests/s, microseconds, MB/s"
guest_cmd() { wrk_run 10.0.0.2; }
host_cmd() { wrk_run "$LINUX"; }
if pairs "$RUNS" rps p99; then
    pair_row "hvt: requests/s" rps 1 ">=" 0.5
    pair_row "hvt: p99 latency (us)" p99 1 "<=" 2
else
    bench_fail "hvt: requests/s" ">=" 0.5 "$(cat "$KILN_TMP/why")"
    bench_fail "hvt: p99 latency (us)" "<=" 2 "$(cat "$KILN_TMP/why")"
fi
guest_cmd() { bulk_run 10.1.0.2; }
host_cmd() { bulk_run "$LINUX"; }
measure "hvt: TCP echo (MB/s)" mbs 1 ">=" 0.5 "$RUNS"
echo "(the same examples/http and examples/echo sources: the unikernels on solo5-hvt"
echo " (net ring) on taps in the client's namespace, the Linux builds (gcc -O2) in a second"
echo " namespace joined by a veth pair; wrk fetches the page over $CONNS keep-alive"
echo " connections, sockpeer streams $MIB MiB through echo and checks every byte."
echo " targets: spt's from the issue (0.5x Linux's requests/s, p99 at most 2x; TCP echo"
echo " 0.5x), unscaled: both sides run under the same CPU, in the VM both under TCG)"
