#!/bin/sh
# --trace and --stats: the block guest on a 64 KiB image (128 blocks of 512 bytes, then
# 9 refused requests each way on its handle, 1: the manifest's entry 0 is the console): one trace line per request with its handle,
# offset, length and result, the exits, HALT; --stats and --stats=json count the same.
. "$(dirname "$0")/../lib.sh"
f=$KILN_TMP/disk
t=$KILN_TMP/trace.txt
img "$f" 65536
hvt_run --block:storage="$f" --trace="$t" -- "$KILN_GUEST/blk.hvt"
expect_success
tr=$(cat "$t")
n() { printf '%s\n' "$tr" | grep -Ec -- "$1"; }
num='[0-9]+\.[0-9]{9}'
[ "$(n "^$num hypercall BLOCK_WRITE handle=1 offset=[0-9]+ len=512 ret=0 [0-9]+ns$")" -eq 128 ] ||
    fail "want 128 successful BLOCK_WRITE lines"
[ "$(n "^$num hypercall BLOCK_READ handle=1 offset=[0-9]+ len=512 ret=0 [0-9]+ns$")" -eq 128 ] ||
    fail "want 128 successful BLOCK_READ lines"
[ "$(n "^$num hypercall BLOCK_WRITE handle=1 offset=65024 len=512 ret=0 ")" -eq 1 ] ||
    fail "no write of the last block"
[ "$(n "^$num hypercall BLOCK_WRITE handle=1 offset=65536 len=512 ret=[1-9]")" -eq 1 ] ||
    fail "no refused write at offset == capacity"
[ "$(n "^$num hypercall BLOCK_WRITE handle=2 offset=0 len=512 ret=[1-9]")" -eq 1 ] ||
    fail "no refused write on the bad handle"
[ "$(n "^$num hypercall PUTS len=[0-9]+ [0-9]+ns$")" -ge 1 ] || fail "no PUTS line"
[ "$(n "^$num hypercall HALT status=0 [0-9]+ns$")" -eq 1 ] || fail "no HALT line"
[ "$(n "^$num exit IO [0-9]+ns$")" -ge 276 ] || fail "want an IO exit per hypercall"
[ "$(n '^')" -eq "$(printf '%s\n' "$tr" | grep -Ec "^$num (hypercall|exit) ")" ] ||
    fail "a trace line of another form"

# --trace alone goes to stderr, after the guest's console on stdout.
hvt_run --block:storage="$f" --trace -- "$KILN_GUEST/blk.hvt"
expect_success
expect_line "$num hypercall BLOCK_READ handle=1 offset=0 len=512 ret=0 [0-9]+ns"

# --stats: the table.
hvt_run --block:storage="$f" --stats -- "$KILN_GUEST/blk.hvt"
expect_success
expect_line "hypercall +BLOCK_WRITE +137 +[0-9]+"
expect_line "hypercall +BLOCK_READ +137 +[0-9]+"
expect_line "hypercall +HALT +1 +[0-9]+"
expect_line "exit +IO +[0-9]+ +[0-9]+"
expect_line "device block storage: reads=137 writes=137 read_bytes=65536 write_bytes=65536"
expect_line "memory: guest_bytes=[0-9]+ touched_bytes=[1-9][0-9]*"
# no trace lines without --trace
expect_no_text "hypercall BLOCK"

# --stats=json: one object on one line.
hvt_run --block:storage="$f" --stats=json -- "$KILN_GUEST/blk.hvt"
expect_success
j=$(printf '%s\n' "$output" | grep '^{')
[ "$(printf '%s\n' "$j" | wc -l)" -eq 1 ] || fail "want one JSON line"
if command -v python3 >/dev/null 2>&1; then
    printf '%s\n' "$j" | python3 -c '
import json, sys
o = json.load(sys.stdin)
d = o["devices"]["storage"]
assert d == {"type": "block", "reads": 137, "writes": 137,
             "read_bytes": 65536, "write_bytes": 65536}, d
assert o["hypercalls"]["BLOCK_WRITE"]["count"] == 137
assert o["hypercalls"]["HALT"]["count"] == 1
assert o["exits"]["IO"]["count"] >= 276
assert 0 < o["memory"]["touched_bytes"] <= o["memory"]["guest_bytes"]
' || fail "JSON stats wrong"
else
    case $j in
    *'"BLOCK_WRITE":{"count":137,"time_ns":'*) ;;
    *) fail "no BLOCK_WRITE count in JSON" ;;
    esac
    case $j in
    *'"storage":{"type":"block","reads":137,"writes":137,"read_bytes":65536,"write_bytes":65536}'*) ;;
    *) fail "no storage device in JSON" ;;
    esac
    printf '%s\n' "$j" | grep -Eq '^\{"hypercalls":\{.*\},"exits":\{.*\},"devices":\{.*\},"memory":\{"guest_bytes":[0-9]+,"touched_bytes":[1-9][0-9]*\}\}$' ||
        fail "JSON of another shape"
fi
echo "trace: all checks passed"
