#!/usr/bin/env bats
# BSD sockets over lwIP: address helpers on the host; the examples and a client guest on spt, all traffic in a private namespace.
load helpers

EX=$KILN_TOP/build/examples
PEER=$KILN_TOP/build/tests/tools/sockpeer
source "$KILN_TOP/tests/lib/sockets.sh"

setup_file() {
    export KILN_NS=ksock$$
    "$KILN_TOP/scripts/kiln-netns" create "$KILN_NS"
}

# The background server and peer run under timeout, which passes TERM on; waiting for
# them frees the tap for the next test.
teardown() {
    for p in ${SPT_PID-} ${PEER_PID-} ${LINUX_PID-}; do
        kill -TERM "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
}

teardown_file() {
    "$KILN_TOP/scripts/kiln-netns" destroy "$KILN_NS"
}

# (Not in_ns in the background: a backgrounded function is a subshell, and $! its pid.)

# serve NAME ARGS...: starts example NAME on spt at 10.0.0.2 (tap100) in the background
# and waits until it serves.
serve() {
    local name=$1 log=$BATS_TEST_TMPDIR/$1.log
    shift
    ip netns exec "$KILN_NS" timeout 300 "$SPT" --mem=64 --net:service=tap100 -- "$EX/$name/$name.spt" \
        --ipv4=10.0.0.2/24 "$@" >"$log" 2>&1 &
    SPT_PID=$!
    guest_serving "$log" "$SPT_PID" 300 || { echo "not serving: $(cat "$log")"; return 1; }
}

# still_serving: the background server has not exited (no crash, no abort).
still_serving() {
    kill -0 "$SPT_PID" 2>/dev/null || { echo "the server exited: $(cat "$BATS_TEST_TMPDIR"/*.log)"; return 1; }
}

# client MODE [PORT]: runs the sockets guest at 10.0.0.2 against 10.0.0.1:PORT.
client() {
    local mode=$1
    shift
    run in_ns timeout 60 "$SPT" --mem=64 --net:service=tap100 -- "$GUEST/sockets.spt" \
        --ipv4=10.0.0.2/24 "$mode" ${1:+10.0.0.1 "$1"}
}

# peer_serve PORT MODE: sockpeer serving one connection in the namespace, in the background.
peer_serve() {
    ip netns exec "$KILN_NS" timeout 60 "$PEER" serve "$1" "$2" >"$BATS_TEST_TMPDIR/peer.log" 2>&1 &
    PEER_PID=$!
    for _ in $(seq 50); do
        grep -q serving "$BATS_TEST_TMPDIR/peer.log" && return 0
        sleep 0.1
    done
    echo "sockpeer did not start: $(cat "$BATS_TEST_TMPDIR/peer.log")"
    return 1
}

# ---- address text and numeric getaddrinfo, unit tested against glibc ----------

@test "sockets: inet_pton, inet_ntop, inet_aton, getaddrinfo agree with glibc" {
    run "$UNIT/test_net_inet"
    expect_status 0 "PASSED"
}

# ---- the examples, one source built for Linux and for Kiln ---------------------

@test "sockets: the echo and http sources build unchanged for Linux (gcc) and Kiln" {
    for e in echo http; do
        for f in "$e.linux" "$e.spt" "$e.hvt" "$e.virtio"; do
            [ -f "$EX/$e/$f" ] || { echo "no $e/$f"; return 1; }
        done
        # a Linux program: dynamically linked against the host's C library
        run readelf -d "$EX/$e/$e.linux"
        expect_status 0 "libc.so"
    done
    # the Linux echo build answers the same checks as the unikernel's
    ip netns exec "$KILN_NS" timeout 60 "$EX/echo/echo.linux" 7007 >"$BATS_TEST_TMPDIR/linux.log" 2>&1 &
    LINUX_PID=$!
    sleep 0.5
    run in_ns timeout 60 "$PEER" echo 10.0.0.1 7007 1000000
    expect_status 0 "echoed 1000000 of 1000000 bytes"
}

@test "sockets: curl fetches the http example's page on spt, keep-alive, 404, HEAD" {
    serve http
    run in_ns curl -sS -m 20 -o "$BATS_TEST_TMPDIR/page" -w '%{http_code}' http://10.0.0.2/
    expect_status 0 "200"
    grep -q "Hello from a Kiln unikernel" "$BATS_TEST_TMPDIR/page"
    # three requests, one connection: curl reuses it (num_connects 1, then 0)
    run in_ns curl -sS -m 20 -o /dev/null -o /dev/null -o /dev/null \
        -w '%{http_code}:%{num_connects} ' \
        http://10.0.0.2/ http://10.0.0.2/nope http://10.0.0.2/index.html
    expect_status 0 "200:1 404:0 200:0"
    run in_ns curl -sS -m 20 -I http://10.0.0.2/
    expect_status 0 "Content-Length: $(stat -c %s "$BATS_TEST_TMPDIR/page")"
    run in_ns curl -sS -m 20 -o /dev/null -w '%{http_code}' -X POST http://10.0.0.2/
    expect_status 0 "501"
    still_serving
}

@test "sockets: 100 MiB echoed through TCP on spt, checked by checksum" {
    serve echo
    run in_ns timeout 120 "$PEER" echo 10.0.0.2 7 104857600
    expect_status 0 "echoed 104857600 of 104857600 bytes"
    still_serving
}

# tap100's rx_packets: the frames the guest has sent.
guest_frames() {
    in_ns cat /sys/class/net/tap100/statistics/rx_packets
}

@test "sockets: an echo stream costs one frame from the guest a segment: ACKs ride on the echo" {
    serve echo
    local before after segs
    before=$(guest_frames)
    run in_ns timeout 120 "$PEER" echo 10.0.0.2 7 16777216
    expect_status 0 "echoed 16777216 of 16777216 bytes"
    after=$(guest_frames)
    segs=$((16777216 / 1460))
    # lwIP alone ACKs every second segment with a frame of its own: 1.5 frames a segment
    echo "frames from the guest: $((after - before)) for $segs segments of data"
    [ $((after - before)) -le $((segs * 12 / 10)) ]
    still_serving
}

@test "sockets: 1000 concurrent connections to the echo example, each served" {
    serve echo
    run in_ns timeout 120 "$PEER" many 10.0.0.2 7 1000
    expect_status 0 "1000 of 1000 connections echoed"
    still_serving
}

@test "sockets: UDP echo, datagrams of 1 to 1472 bytes" {
    serve echo
    run in_ns timeout 60 "$PEER" udp 10.0.0.2 7 300
    expect_status 0 "300 of 300 datagrams echoed"
}

# ---- a client unikernel against a peer in the namespace --------------------------

@test "sockets: outbound connect from a unikernel client, names, request and answer" {
    peer_serve 9001 hello
    client hello 9001
    expect_success
    [[ "$output" == *"hello: 10.0.0.2:"*" answered by 10.0.0.1:9001"* ]] || { echo "$output"; return 1; }
}

@test "sockets: connection refused, blocking and non-blocking (SO_ERROR)" {
    client refused 9002
    expect_success
}

@test "sockets: timeouts: SO_RCVTIMEO gives EAGAIN, poll and select time out" {
    peer_serve 9003 silent
    client timeout 9003
    expect_success
}

@test "sockets: reset by peer: its data, then ECONNRESET, then EPIPE" {
    peer_serve 9004 reset
    client reset 9004
    expect_success
}

@test "sockets: half-close: shutdown(SHUT_WR), the peer's answer, then end of stream" {
    peer_serve 9005 drain
    client halfclose 9005
    expect_success
}

@test "sockets: local calls fail with Linux's errno names" {
    client errors
    expect_success
}

@test "sockets: the stack's pools run out with an errno, never a crash, and come back" {
    client exhaust
    expect_success
    [[ "$output" == *"pools ran out with an errno, and came back"* ]] || { echo "$output"; return 1; }
}

@test "sockets: a SYN flood from the namespace (hping3) while the http example answers curl" {
    serve http
    # 5000 SYNs a second from 10.0.0.1, never completed (the host resets each SYN-ACK)
    ip netns exec "$KILN_NS" timeout 30 hping3 -q -S -p 80 -i u200 -c 100000 10.0.0.2 \
        >"$BATS_TEST_TMPDIR/flood.log" 2>&1 &
    PEER_PID=$!
    sleep 1
    for i in $(seq 20); do
        run in_ns curl -sS -m 10 -o /dev/null -w '%{http_code}' http://10.0.0.2/
        expect_status 0 "200" || { echo "request $i"; return 1; }
    done
    kill -0 "$PEER_PID" || { echo "the flood ended early: $(cat "$BATS_TEST_TMPDIR/flood.log")"; return 1; }
    still_serving
}

@test "sockets: TCP initial sequence numbers are random, not lwIP's counter" {
    serve http
    # hping3 -Q prints the ISN of each SYN-ACK; lwIP's own counter would give
    # small steps (its ticks) from 6510.
    run ip netns exec "$KILN_NS" timeout 30 hping3 -S -p 80 -Q -i u100000 -c 8 10.0.0.2
    isns=$(printf '%s\n' "$output" | awk '$1 ~ /^[0-9]+$/ && NF >= 2 { print $1 }')
    [ "$(printf '%s\n' "$isns" | grep -c .)" -ge 6 ] || { echo "$output"; return 1; }
    printf '%s\n' "$isns" | awk 'NR > 1 { d = $1 - p; if (d < 0) d = -d; if (d < 1000000) small++ }
        { p = $1 } END { exit small > 1 }' || { echo "ISNs close together: $isns"; return 1; }
    still_serving
}

@test "sockets: memory runs out under 1000 connections: errors, no crash; then served again" {
    # 8 MiB: the echo example's 16 KiB per client fails to allocate long before 1000
    log=$BATS_TEST_TMPDIR/echo.log
    ip netns exec "$KILN_NS" timeout 300 "$SPT" --mem=8 --net:service=tap100 -- \
        "$EX/echo/echo.spt" --ipv4=10.0.0.2/24 >"$log" 2>&1 &
    SPT_PID=$!
    guest_serving "$log" "$SPT_PID" 300 || { echo "not serving: $(cat "$log")"; return 1; }
    run in_ns timeout 120 "$PEER" many 10.0.0.2 7 1000
    [ "$status" -eq 1 ] || { echo "status $status: $output"; return 1; }
    [[ "$output" =~ ^([0-9]+)\ of\ 1000\ connections\ echoed ]] && [ "${BASH_REMATCH[1]}" -gt 0 ] ||
        { echo "$output"; return 1; }
    still_serving
    run in_ns timeout 60 "$PEER" many 10.0.0.2 7 50
    expect_status 0 "50 of 50 connections echoed"
    run in_ns timeout 60 "$PEER" echo 10.0.0.2 7 1000000
    expect_status 0 "echoed 1000000 of 1000000 bytes"
}
