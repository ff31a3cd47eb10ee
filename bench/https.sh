#!/bin/sh
# make bench, https: examples/https on spt vs the same source and mbed TLS built for Linux, TLS handshakes/s and HTTPS requests/s.
# Namespace C holds the clients (openssl s_time, wrk) and the unikernel's tap; namespace L
# the Linux build, joined to C by a veth pair (bench/netlib.sh). Both read one disk image
# of a test CA's certificate and key (tests/lib/https.sh): the unikernel as its block
# device "certs", the Linux build as a file. Exits 1 if a row failed or missed its target.
set -u
cd "$(dirname "$0")/.." || exit 1
B=build
SPT="$B/stage/bin/solo5-spt --mem=64"
GUEST=${BENCH_HTTPS_GUEST:-$B/examples/https/https.spt}
HOST=${BENCH_HTTPS_HOST:-$B/bench/https/https.linux}
OUT=$B/bench/https-run # its logs, certificates and client outputs
KILN_TMP=$OUT/tmp
RUNS=${BENCH_HTTPS_RUNS:-5}   # paired runs a row
DUR=${BENCH_HTTPS_SECONDS:-5} # s a client run
CONNS=${BENCH_WRK_CONNS:-16}
TARGET=0.8 # issue 17, item 5: at least 0.8x the Linux build's rates
. bench/hvt/benchlib.sh
. tests/lib/guest.sh
. tests/lib/sockets.sh
. tests/lib/https.sh
. bench/netlib.sh
NS=kbhc$$
NSL=kbhl$$
LINUX=10.9.0.2 # the Linux build's address in L; the unikernel is 10.0.0.2 (tap100)
PIDS=
rm -rf "$OUT"
mkdir -p "$KILN_TMP"
LOAD=$(cut -d ' ' -f 1-3 /proc/loadavg)
HS="spt: TLS handshakes/s"
RQ="spt: HTTPS requests/s"
trap cleanup EXIT
trap 'exit 143' TERM INT HUP

# fail_all REASON: both rows, not measured; exits 1.
fail_all() {
    bench_fail "$HS" ">=" "$TARGET" "$1"
    bench_fail "$RQ" ">=" "$TARGET" "$1"
    exit 1
}

# handshakes HOST: full handshakes one after another (openssl s_time -new: no request,
# no session resumed) for DUR s; prints "hs N", N a second of wall time.
handshakes() {
    t0=$(date +%s%N)
    ip netns exec "$NS" timeout $((DUR + 30)) openssl s_time -connect "$1:443" -new \
        -time "$DUR" >"$KILN_TMP/s_time.$1" 2>&1 || { cat "$KILN_TMP/s_time.$1"; return 1; }
    t1=$(date +%s%N)
    n=$(awk '/connections in .* real seconds/ { print $1; exit }' "$KILN_TMP/s_time.$1")
    [ -n "$n" ] && [ "$n" -gt 0 ] || { tail -n 3 "$KILN_TMP/s_time.$1"; return 1; }
    awk -v n="$n" -v t=$((t1 - t0)) 'BEGIN { print "hs", n * 1e9 / t }'
}

# requests HOST: wrk over TLS for DUR s, CONNS connections; the example answers one
# request a connection, so each request is a new connection and a full handshake.
# Prints "rps N".
requests() {
    ip netns exec "$NS" timeout $((DUR + 30)) wrk -t 1 -c "$CONNS" -d "${DUR}s" \
        "https://$1/" >"$KILN_TMP/wrk.$1" 2>&1 || { cat "$KILN_TMP/wrk.$1"; return 1; }
    ! grep -q "Non-2xx" "$KILN_TMP/wrk.$1" || { echo "wrk: error responses"; return 1; }
    wrk_stats "$KILN_TMP/wrk.$1" | grep '^rps '
}

bench_header "https: examples/https, spt vs its Linux build (the same mbed TLS), median of $RUNS paired runs" \
    "per second" spt
[ -x "$HOST" ] || fail_all "no Linux build: $HOST"
[ -f "$GUEST" ] || fail_all "no unikernel: $GUEST"
https_certs "$OUT/certs" 10.0.0.2 || fail_all "openssl could not make the certificates"
topology >"$KILN_TMP/ns" 2>&1 || fail_all "no namespaces: $(tail -n 1 "$KILN_TMP/ns")"
serve https.linux "$OUT/https.linux.log" "$NSL" env HTTPS_CERTS="$OUT/certs/certs.img" \
    "$HOST" >"$KILN_TMP/why" 2>&1 || fail_all "$(cat "$KILN_TMP/why")"
# shellcheck disable=SC2086 # SPT is the tender and its --mem
serve https.spt "$OUT/https.spt.log" "$NS" $SPT --net:service=tap100 \
    --block:certs="$OUT/certs/certs.img" -- "$GUEST" --ipv4=10.0.0.2/24 \
    >"$KILN_TMP/why" 2>&1 || fail_all "$(cat "$KILN_TMP/why")"

guest_cmd() { handshakes 10.0.0.2; }
host_cmd() { handshakes "$LINUX"; }
measure "$HS" hs 1 ">=" "$TARGET" "$RUNS" >"$KILN_TMP/row"
guest_cmd() { requests 10.0.0.2; }
host_cmd() { requests "$LINUX"; }
measure "$RQ" rps 1 ">=" "$TARGET" "$RUNS" >>"$KILN_TMP/row"
cat "$KILN_TMP/row"
suite=$(grep -m 1 '^https: TLS' "$OUT/https.spt.log" | cut -d ' ' -f 2-)
cat <<EOF
(the same examples/https/https.c and mbed TLS source and config.h: the unikernel on a
 tap in the client's namespace, the Linux build (gcc -O2, mbed TLS by its CMake) in a
 second namespace joined by a veth pair; an EC P-256 certificate, no session
 resumption: ${suite:-TLS 1.2}. Handshakes: openssl s_time -new, one connection at a time, no
 request. Requests: wrk -t 1 -c $CONNS over TLS, each request its own connection and
 handshake (the example closes after each response). Target: issue 17, $TARGET x the
 Linux build. Load average at the start: $LOAD, on $(nproc) CPUs shared by the clients,
 the servers and other work.)
EOF
! bench_missed "$KILN_TMP/row"
