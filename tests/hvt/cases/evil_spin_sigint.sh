#!/bin/sh
# A guest that never yields (spins forever) is ended by SIGINT to the tender within
# moments: "Exiting on signal 2", exit 1, and the process is gone (no hang).
. "$(dirname "$0")/../lib.sh"
line() { printf '%s\n' "$output" | grep -Eqx -- "$1" || fail "no line matching '$1'"; }
log=$KILN_TMP/log
HVT_ARGS="--mem=8 evil_nodev.hvt spin"
"$HVT" --mem=8 "$KILN_GUEST/evil_nodev.hvt" spin >"$log" 2>&1 </dev/null &
pid=$!
trap 'kill -9 $pid 2>/dev/null' EXIT
for _ in $(seq 100); do
    grep -q "evil: spinning" "$log" && break
    sleep 0.1
done
grep -q "evil: spinning" "$log" || fail "the guest did not start spinning: $(cat "$log")"
sleep 2
kill -0 $pid 2>/dev/null || fail "the tender did not keep running: $(cat "$log")"
kill -INT $pid
# Should the tender not end, this kills it (status 137) after 10 s.
(sleep 10 && kill -9 $pid) >/dev/null 2>&1 &
dog=$!
status=0
wait $pid || status=$?
kill $dog 2>/dev/null
trap - EXIT
output=$(cat "$log")
show
expect_status 1
line "solo5-hvt: Exiting on signal 2"
! kill -0 $pid 2>/dev/null || fail "the tender is still there"
