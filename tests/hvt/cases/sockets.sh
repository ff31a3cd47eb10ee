#!/bin/sh
# Sockets on hvt: the http example answers GETs on one connection, the echo example echoes
# a stream checked by checksum, many connections and UDP; a client unikernel connects out.
. "$(dirname "$0")/../lib.sh"
. "$HVT_LIB_DIR/../lib/sockets.sh"
net_setup
HVT_MEM=64
peer=$KILN_TOOLS/sockpeer
bytes=$((64 * 1048576 / NET_SCALE))
conns=$((1000 / NET_SCALE))

# serve NAME: the example NAME (built for the tests as example_NAME.hvt) at 10.0.0.2.
serve() {
    hvt_bg "$KILN_TMP/$1.log" --net:service=tap100 -- "$KILN_GUEST/example_$1.hvt" \
        --ipv4=10.0.0.2/24
    guest_serving "$KILN_TMP/$1.log" "$HVT_PID" 600 ||
        fail "$1 is not serving: $(cat "$KILN_TMP/$1.log")"
}

# peer_ok TEXT ARGS...: sockpeer ARGS in the namespace succeeds and prints TEXT.
peer_ok() {
    text=$1
    shift
    out=$(in_ns timeout 120 "$peer" "$@" 2>&1) || fail "sockpeer $*: $out"
    case $out in *"$text"*) ;; *) fail "sockpeer $*: $out" ;; esac
    echo "sockpeer $1: $(printf '%s\n' "$out" | tail -n 1)"
}

# stop NAME: ends the background server NAME; it must still have been running.
stop() {
    kill -0 "$HVT_PID" 2>/dev/null || fail "$1 exited early: $(cat "$KILN_TMP/$1.log")"
    kill -TERM "$HVT_PID"
    wait_hvt "$KILN_TMP/$1.log"
}

serve http
peer_ok "3 responses on one connection" get 10.0.0.2 80 3
stop http
serve echo
peer_ok "echoed $bytes of $bytes bytes" echo 10.0.0.2 7 "$bytes"
peer_ok "$conns of $conns connections echoed" many 10.0.0.2 7 "$conns"
peer_ok "100 of 100 datagrams echoed" udp 10.0.0.2 7 100
stop echo
in_ns timeout 60 "$peer" serve 9001 hello >/dev/null 2>&1 &
sleep 1
hvt_run_ns --net:service=tap100 -- "$KILN_GUEST/sockets.hvt" --ipv4=10.0.0.2/24 \
    hello 10.0.0.1 9001
expect_success
expect_text "answered by 10.0.0.1:9001"
hvt_run_ns --net:service=tap100 -- "$KILN_GUEST/sockets.hvt" --ipv4=10.0.0.2/24 \
    refused 10.0.0.1 9002
expect_success
