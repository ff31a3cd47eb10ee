#!/bin/sh
# HTTPS on hvt: the https example (mbed TLS) with a test CA's certificate on its disk;
# curl fetches exact pages over TLS 1.2, a client trusting another CA and one sending
# junk instead of a ClientHello are turned away, and the server keeps serving.
. "$(dirname "$0")/../lib.sh"
. "$HVT_LIB_DIR/../lib/sockets.sh"
. "$HVT_LIB_DIR/../lib/https.sh"
command -v curl >/dev/null && command -v openssl >/dev/null ||
    fail "no curl or openssl (tests/kvm/kvm-exec copies the host's into the VM)"
net_setup
HVT_MEM=64
certs=$KILN_TMP/certs
https_certs "$certs" 10.0.0.2 || fail "openssl: $(cat "$certs/openssl.log")"
log=$KILN_TMP/https.log
hvt_bg "$log" --net:service=tap100 --block:certs="$certs/certs.img" -- \
    "$KILN_GUEST/example_https.hvt" --ipv4=10.0.0.2/24
guest_serving "$log" "$HVT_PID" 600 || fail "https is not serving: $(cat "$log")"

# get PATH WANT: curl trusting the test CA fetches https://10.0.0.2PATH; status 200 and
# exactly the bytes of file WANT.
get() {
    code=$(in_ns curl -sS -m 120 --cacert "$certs/ca.pem" -o "$KILN_TMP/body" \
        -w '%{http_code}' "https://10.0.0.2$1" 2>&1) || fail "curl $1: $code"
    [ "$code" = 200 ] || fail "curl $1: status $code"
    cmp "$2" "$KILN_TMP/body" || fail "curl $1: the body differs from $2"
    echo "curl $1: 200, $(wc -c <"$KILN_TMP/body") bytes as expected"
}

https_page >"$KILN_TMP/page"
https_lines >"$KILN_TMP/lines"
get / "$KILN_TMP/page"
get /lines "$KILN_TMP/lines"
out=$(in_ns curl -sS -v -m 120 --cacert "$certs/ca.pem" -o /dev/null https://10.0.0.2/ 2>&1) ||
    fail "curl -v: $out"
case $out in
*"SSL connection using TLSv1.2 / ECDHE-ECDSA-"*) echo "curl: TLS 1.2 negotiated" ;;
*) fail "curl -v does not show TLS 1.2: $out" ;;
esac
status=0
out=$(in_ns curl -sS -m 120 --cacert "$certs/other.pem" -o /dev/null https://10.0.0.2/ 2>&1) ||
    status=$?
[ "$status" = 60 ] || fail "curl trusting another CA: status $status (want 60): $out"
case $out in *certificate*) echo "another CA: refused ($out)" ;; *) fail "$out" ;; esac
out=$(in_ns timeout 120 "$KILN_TOOLS/sockpeer" garbage 10.0.0.2 443 record 2>&1) ||
    fail "junk for a ClientHello: $out"
echo "junk for a ClientHello: $out"
get / "$KILN_TMP/page"
kill -0 "$HVT_PID" 2>/dev/null || fail "https exited: $(cat "$log")"
grep -q '^https: handshake failed' "$log" || fail "no handshake failure in the log: $(cat "$log")"
grep -q '^https: TLSv1.2 ' "$log" || fail "no TLSv1.2 session in the log: $(cat "$log")"
kill -TERM "$HVT_PID"
wait_hvt "$log"
