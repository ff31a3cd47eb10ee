#!/bin/sh
# POLL with the largest timeout (2^64 - 1 ns) waits (no early return, no timer error)
# until SIGTERM ends the tender: "Exiting on signal 15", exit 1.
. "$(dirname "$0")/../lib.sh"
line() { printf '%s\n' "$output" | grep -Eqx -- "$1" || fail "no line matching '$1'"; }
log=$KILN_TMP/log
HVT_ARGS="--mem=8 evil_nodev.hvt poll 0xffffffffffffffff"
"$HVT" --mem=8 "$KILN_GUEST/evil_nodev.hvt" poll 0xffffffffffffffff >"$log" 2>&1 </dev/null &
pid=$!
trap 'kill -9 $pid 2>/dev/null' EXIT
for _ in $(seq 100); do
    grep -q "evil: mem_size" "$log" && break
    sleep 0.1
done
sleep 2
kill -0 $pid 2>/dev/null || fail "the tender did not keep waiting: $(cat "$log")"
kill -TERM $pid
(sleep 10 && kill -9 $pid) >/dev/null 2>&1 &
dog=$!
status=0
wait $pid || status=$?
kill $dog 2>/dev/null
trap - EXIT
output=$(cat "$log")
show
expect_status 1
expect_no_text "evil: poll returned"
line "solo5-hvt: Exiting on signal 15"
