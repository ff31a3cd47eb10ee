#!/bin/sh
# A spinning guest with the net ring offered (the ring thread asleep on its eventfd) is
# ended by SIGTERM too: "Exiting on signal 15", exit 1, nothing left running.
. "$(dirname "$0")/../lib.sh"
line() { printf '%s\n' "$output" | grep -Eqx -- "$1" || fail "no line matching '$1'"; }
net_setup
img "$KILN_TMP/disk" 65536
log=$KILN_TMP/log
HVT_ARGS="--mem=$HVT_MEM --block:storage=... --net:service0=tap100 evil_net.hvt ring-check , spin"
# Not in_ns: a shell function in the background is a subshell, and the signal must go to
# the tender itself (ip netns exec execs it, so the pid is the tender's).
ip netns exec "$KILN_NS" "$HVT" --mem="$HVT_MEM" --block:storage="$KILN_TMP/disk" --net:service0=tap100 -- \
    "$KILN_GUEST/evil_net.hvt" ring-check , spin >"$log" 2>&1 </dev/null &
HVT_PID=$!
for _ in $(seq 100); do
    grep -q "evil: spinning" "$log" && break
    sleep 0.1
done
grep -q "evil: spinning" "$log" || fail "the guest did not start spinning: $(cat "$log")"
sleep 2
kill -TERM $HVT_PID
(sleep 10 && kill -9 $HVT_PID) >/dev/null 2>&1 &
dog=$!
wait_hvt "$log"
kill $dog 2>/dev/null
expect_status 1 "evil: ring offered at"
line "solo5-hvt: Exiting on signal 15"
