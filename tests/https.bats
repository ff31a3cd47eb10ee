#!/usr/bin/env bats
# HTTPS: examples/https (mbed TLS over the sockets) on spt and virtio with a test CA's certificate on a block device; getentropy through rngtest; fresh session keys each boot.
load helpers
load virtio/helpers

EX=$KILN_TOP/build/examples/https
PEER=$KILN_TOP/build/tests/tools/sockpeer
source "$KILN_TOP/tests/lib/sockets.sh"
source "$KILN_TOP/tests/lib/https.sh"

setup_file() {
    export KILN_NS=khttps$$
    "$KILN_TOP/scripts/kiln-netns" create "$KILN_NS"
    # one CA and certificate for the whole file: made by the host's openssl, now
    export CERTS=$BATS_FILE_TMPDIR/certs
    https_certs "$CERTS" 10.0.0.2
}

teardown() {
    for p in ${SPT_PID-} ${VRUN_PID-}; do
        kill -TERM "$p" 2>/dev/null || true
        wait "$p" 2>/dev/null || true
    done
    SPT_PID= VRUN_PID=
}

teardown_file() {
    "$KILN_TOP/scripts/kiln-netns" destroy "$KILN_NS"
}

# serve [LOG]: the example on spt at 10.0.0.2 (tap100), its disk $CERTS/certs.img, in
# the background, serving.
serve() {
    local log=${1:-$BATS_TEST_TMPDIR/https.log}
    ip netns exec "$KILN_NS" timeout 300 "$SPT" --mem=64 --net:service=tap100 \
        --block:certs="$CERTS/certs.img" -- "$EX/https.spt" --ipv4=10.0.0.2/24 >"$log" 2>&1 &
    SPT_PID=$!
    guest_serving "$log" "$SPT_PID" 300 || { echo "not serving: $(cat "$log")"; return 1; }
}

# vserve: the same on virtio (QEMU; TCG here), the disk read-only (devices in manifest order).
vserve() {
    local log=$BATS_TEST_TMPDIR/https.log
    vrun_bg "$log" -n tap100 -r "$CERTS/certs.img" -- "$EX/https.virtio" \
        --ipv4=10.0.0.2/24 || return 1
    guest_serving "$log" "$VRUN_PID" 600 || { echo "not serving: $(cat "$log")"; return 1; }
}

# still_serving: the background server has not exited.
still_serving() {
    kill -0 "${SPT_PID:-$VRUN_PID}" 2>/dev/null ||
        { echo "the server exited: $(cat "$BATS_TEST_TMPDIR"/*.log)"; return 1; }
}

# fetch PATH [CURL ARGS...]: curl, trusting the test CA, gets https://10.0.0.2PATH into
# $BATS_TEST_TMPDIR/body; sets status and output (the HTTP status code).
fetch() {
    local path=$1
    shift
    run in_ns curl -sS -m 60 --cacert "$CERTS/ca.pem" -o "$BATS_TEST_TMPDIR/body" \
        -w '%{http_code}' "$@" "https://10.0.0.2$path"
}

# pages_exact: / and /lines arrive byte for byte, /nope is a 404.
pages_exact() {
    fetch /
    expect_status 0 200
    https_page >"$BATS_TEST_TMPDIR/want"
    cmp "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/body"
    fetch /lines
    expect_status 0 200
    https_lines >"$BATS_TEST_TMPDIR/want"
    [ "$(stat -c %s "$BATS_TEST_TMPDIR/want")" -eq 55000 ]
    cmp "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/body"
    fetch /nope
    expect_status 0 404
}

# tls12: curl -v says it negotiated TLS 1.2, the server's log says so too.
tls12() {
    run in_ns curl -sS -v -m 60 --cacert "$CERTS/ca.pem" -o /dev/null https://10.0.0.2/
    expect_status 0 "SSL connection using TLSv1.2 / ECDHE-ECDSA-"
    grep -q '^https: TLSv1.2 TLS-ECDHE-ECDSA-' "$BATS_TEST_TMPDIR/https.log" ||
        { cat "$BATS_TEST_TMPDIR/https.log"; return 1; }
}

# ---- the example on spt -------------------------------------------------------------

@test "https: curl trusting the test CA fetches / and /lines (55000 bytes) exactly on spt, TLS 1.2" {
    serve
    pages_exact
    tls12
    # the certificate the server sent is the one on its disk
    run in_ns sh -c "openssl s_client -connect 10.0.0.2:443 -CAfile '$CERTS/ca.pem' \
        -verify_return_error </dev/null 2>&1"
    expect_status 0 "Verify return code: 0 (ok)"
    [[ "$output" == *"Protocol  : TLSv1.2"* ]] || [[ "$output" == *"Protocol: TLSv1.2"* ]] ||
        { echo "$output"; return 1; }
    still_serving
}

@test "https: mbed TLS 2.28 has no TLS 1.3: a client that asks for 1.3 only is refused" {
    serve
    run in_ns curl -sS -m 60 --cacert "$CERTS/ca.pem" --tlsv1.3 -o /dev/null https://10.0.0.2/
    # 35: CURLE_SSL_CONNECT_ERROR; the server finds no cipher suite in common and says so
    expect_status 35 "alert"
    grep -q '^https: handshake failed: -0x7380 ' "$BATS_TEST_TMPDIR/https.log" ||
        { cat "$BATS_TEST_TMPDIR/https.log"; return 1; }
    fetch /
    expect_status 0 200
}

@test "https: curl trusting another CA is refused (certificate error); the server keeps serving" {
    serve
    run in_ns curl -sS -m 60 --cacert "$CERTS/other.pem" -o /dev/null https://10.0.0.2/
    # 60: CURLE_PEER_FAILED_VERIFICATION
    expect_status 60 "certificate"
    still_serving
    fetch /
    expect_status 0 200
    https_page | cmp - "$BATS_TEST_TMPDIR/body"
}

@test "https: bytes that are no ClientHello get the connection closed; the next curl succeeds" {
    serve
    for kind in text record; do
        run in_ns timeout 60 "$PEER" garbage 10.0.0.2 443 "$kind"
        expect_status 0 "closed by the server"
        still_serving
        fetch /
        expect_status 0 200
        https_page | cmp - "$BATS_TEST_TMPDIR/body"
    done
    # the server said why, once for each
    [ "$(grep -c '^https: handshake failed' "$BATS_TEST_TMPDIR/https.log")" -eq 2 ] ||
        { cat "$BATS_TEST_TMPDIR/https.log"; return 1; }
}

@test "https: a connection that sends nothing is closed after 10 s idle; others are served meanwhile" {
    serve
    in_ns bash -c 'exec 3<>/dev/tcp/10.0.0.2/443; s=$SECONDS; timeout 60 cat <&3 >/dev/null
        echo "closed after $((SECONDS - s)) s"' >"$BATS_TEST_TMPDIR/idle" 2>&1 &
    local idle=$!
    sleep 1
    fetch /
    expect_status 0 200
    wait "$idle"
    cat "$BATS_TEST_TMPDIR/idle"
    local t
    t=$(sed -n 's/^closed after \([0-9]*\) s$/\1/p' "$BATS_TEST_TMPDIR/idle")
    [ -n "$t" ] && [ "$t" -ge 9 ] && [ "$t" -le 20 ]
    grep -q '^https: closing a connection idle for 10 s' "$BATS_TEST_TMPDIR/https.log"
    fetch /
    expect_status 0 200
}

@test "https: a disk without PEM text, or with a cut certificate: the example says so and exits 1" {
    truncate -s 4096 "$BATS_TEST_TMPDIR/zero.img"
    run in_ns timeout 60 "$SPT" --mem=64 --net:service=tap100 \
        --block:certs="$BATS_TEST_TMPDIR/zero.img" -- "$EX/https.spt" --ipv4=10.0.0.2/24
    expect_status 1 "https: 'certs' holds no PEM text"
    head -c 512 "$CERTS/server.pem" >"$BATS_TEST_TMPDIR/cut.img"
    truncate -s 4096 "$BATS_TEST_TMPDIR/cut.img"
    run in_ns timeout 60 "$SPT" --mem=64 --net:service=tap100 \
        --block:certs="$BATS_TEST_TMPDIR/cut.img" -- "$EX/https.spt" --ipv4=10.0.0.2/24
    expect_status 1 "https: certificate: "
}

# ---- the example on virtio ------------------------------------------------------------

@test "https: virtio (QEMU): curl fetches / and /lines exactly, TLS 1.2; another CA is refused" {
    [ -f "$KILN_TOP/build/stage/lib/x86_64-solo5-none-static/solo5_virtio.o" ] ||
        skip "no virtio bindings in this build (virtio not in TARGETS)"
    [ -f "$EX/https.virtio" ] || { echo "no https.virtio (make test-build)"; return 1; }
    vserve
    pages_exact
    tls12
    run in_ns curl -sS -m 60 --cacert "$CERTS/other.pem" -o /dev/null https://10.0.0.2/
    expect_status 60 "certificate"
    run in_ns timeout 60 "$PEER" garbage 10.0.0.2 443 record
    expect_status 0 "closed by the server"
    fetch /
    expect_status 0 200
    still_serving
}

# ---- randomness -------------------------------------------------------------------------

# rngtest (Debian's rng-tools5) runs FIPS 140-2's tests on each 20000-bit block. Each test
# has a false-alarm rate such that good random data fails about 1 block in 1250 (rngtest's
# documentation); 2 MiB is 838 blocks, so 0.67 failures are expected by chance, and 5 or
# more (Poisson, mean 0.67) happen about once in 1600 runs of good data. A source that is
# broken (constant, repeating, biased) fails nearly every block.
@test "https: 2 MiB from getentropy in a unikernel (spt) pass rngtest: at most 4 of 838 blocks fail" {
    local hex=$BATS_TEST_TMPDIR/hex st=0
    timeout 120 "$SPT" --mem=8 -- "$GUEST/entropy.spt" 2097152 >"$hex" 2>&1 || st=$?
    [ "$st" -eq 0 ] && grep -qx 'entropy: 2097152 bytes' "$hex" ||
        { echo "status $st: $(tail -c 300 "$hex")"; return 1; }
    grep -E '^[0-9a-f]{128}$' "$hex" | xxd -r -p >"$BATS_TEST_TMPDIR/random"
    [ "$(stat -c %s "$BATS_TEST_TMPDIR/random")" -eq 2097152 ]
    run timeout 60 rngtest <"$BATS_TEST_TMPDIR/random"
    echo "$output" | grep '^rngtest: FIPS\|^rngtest: bits'
    local ok fail
    ok=$(sed -n 's/^rngtest: FIPS 140-2 successes: \([0-9]*\)$/\1/p' <<<"$output")
    fail=$(sed -n 's/^rngtest: FIPS 140-2 failures: \([0-9]*\)$/\1/p' <<<"$output")
    [ -n "$ok" ] && [ -n "$fail" ] || { echo "no counts: $output"; return 1; }
    # every full block was tested (the first 32 bits go to the continuous test)
    [ $((ok + fail)) -eq 838 ] || { echo "$ok + $fail blocks, want 838"; return 1; }
    [ "$fail" -le 4 ] || { echo "$fail of 838 blocks failed"; return 1; }
    # and the check can fail: the same bytes with every 8th byte zeroed fail many blocks
    xxd -p -c 8 "$BATS_TEST_TMPDIR/random" | sed 's/..$/00/' | xxd -r -p |
        timeout 60 rngtest 2>"$BATS_TEST_TMPDIR/bad" || true
    bad=$(sed -n 's/^rngtest: FIPS 140-2 failures: \([0-9]*\)$/\1/p' "$BATS_TEST_TMPDIR/bad")
    [ "$bad" -gt 100 ] || { cat "$BATS_TEST_TMPDIR/bad"; return 1; }
}

# session NAME: boots the example (same command line each time), fetches / with curl
# (its SSLKEYLOGFILE gets the master secret) and with openssl s_client (the session ID
# the server chose), then stops it; writes $BATS_TEST_TMPDIR/NAME.keys and NAME.id.
session() {
    serve "$BATS_TEST_TMPDIR/https.log"
    run in_ns env SSLKEYLOGFILE="$BATS_TEST_TMPDIR/$1.keys" curl -sS -m 60 \
        --cacert "$CERTS/ca.pem" -o /dev/null -w '%{http_code}' https://10.0.0.2/
    expect_status 0 200
    run in_ns sh -c "openssl s_client -connect 10.0.0.2:443 -CAfile '$CERTS/ca.pem' \
        -tls1_2 </dev/null 2>&1"
    expect_status 0
    sed -n 's/^ *Session-ID: \([0-9A-F]*\)$/\1/p' <<<"$output" >"$BATS_TEST_TMPDIR/$1.id"
    sed -n 's/^ *Master-Key: \([0-9A-F]*\)$/\1/p' <<<"$output" >>"$BATS_TEST_TMPDIR/$1.id"
    kill -TERM "$SPT_PID"
    wait "$SPT_PID" || true
    SPT_PID=
}

@test "https: two boots with the same arguments make different session IDs and master secrets" {
    session one
    session two
    for r in one two; do
        # a master secret (48 bytes) in curl's key log, a 32-byte session ID from the server
        grep -Eq '^CLIENT_RANDOM [0-9a-f]{64} [0-9a-f]{96}$' "$BATS_TEST_TMPDIR/$r.keys" ||
            { cat "$BATS_TEST_TMPDIR/$r.keys"; return 1; }
        [ "$(head -n 1 "$BATS_TEST_TMPDIR/$r.id" | tr -d '\n' | wc -c)" -eq 64 ] ||
            { cat "$BATS_TEST_TMPDIR/$r.id"; return 1; }
    done
    cat "$BATS_TEST_TMPDIR"/one.id "$BATS_TEST_TMPDIR"/two.id
    # the server's choices differ from boot to boot, and so do the secrets
    ! cmp -s <(head -n 1 "$BATS_TEST_TMPDIR/one.id") <(head -n 1 "$BATS_TEST_TMPDIR/two.id")
    ! cmp -s <(tail -n 1 "$BATS_TEST_TMPDIR/one.id") <(tail -n 1 "$BATS_TEST_TMPDIR/two.id")
    ! cmp -s <(awk '{print $3}' "$BATS_TEST_TMPDIR/one.keys") <(awk '{print $3}' "$BATS_TEST_TMPDIR/two.keys")
}
