#!/bin/sh
# --trace and --stats: the block guest on a 64 KiB image (128 blocks of 512 bytes written,
# then read; its bad requests are refused by the bindings and never reach the tender; the
# device is handle 1: the manifest's entry 0 is the console): one trace line per request
# with its handle, offset, length and result, the exits, HALT; --stats and --stats=json
# count the same. Then blk_req: one request of 8 blocks each way (one hypercall, or one
# per host request the bindings split it into) and a flush, traced and counted.
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
[ "$(n "^$num hypercall BLOCK_(WRITE|READ) ")" -eq 256 ] ||
    fail "want no block request but the 256 good ones (the bindings refuse the bad)"
[ "$(n "^$num hypercall BLOCK_WRITE handle=1 offset=65024 len=512 ret=0 ")" -eq 1 ] ||
    fail "no write of the last block"
[ "$(n "^$num hypercall BLOCK_READ handle=1 offset=0 len=512 ret=0 ")" -eq 1 ] ||
    fail "no read of the first block"
[ "$(n "^$num hypercall PUTS len=[0-9]+ [0-9]+ns$")" -ge 1 ] || fail "no PUTS line"
[ "$(n "^$num hypercall HALT status=0 [0-9]+ns$")" -eq 1 ] || fail "no HALT line"
hc=$(n "^$num hypercall ")
[ "$(n "^$num exit IO [0-9]+ns$")" -eq "$hc" ] || fail "want one IO exit per hypercall"
[ "$(n '^')" -eq "$(n "^$num (hypercall|exit) ")" ] || fail "a trace line of another form"

# --trace alone goes to stderr, after the guest's console on stdout.
hvt_run --block:storage="$f" --trace -- "$KILN_GUEST/blk.hvt"
expect_success
expect_line "$num hypercall BLOCK_READ handle=1 offset=0 len=512 ret=0 [0-9]+ns"

# --stats: the table.
hvt_run --block:storage="$f" --stats -- "$KILN_GUEST/blk.hvt"
expect_success
expect_line "hypercall +BLOCK_WRITE +128 +[0-9]+"
expect_line "hypercall +BLOCK_READ +128 +[0-9]+"
expect_line "hypercall +HALT +1 +[0-9]+"
expect_line "exit +IO +$hc +[0-9]+"
expect_line "device block storage: reads=128 writes=128 read_bytes=65536 write_bytes=65536 flushes=0"
expect_line "memory: guest_bytes=[0-9]+ touched_bytes=[1-9][0-9]*"
for p in elf memory setup sandbox kvm guest; do
    expect_line "phase +$p +1 +[1-9][0-9]*"
done
# no trace lines without --trace
expect_no_text "hypercall BLOCK"

# --stats=json: one object on one line.
hvt_run --block:storage="$f" --stats=json -- "$KILN_GUEST/blk.hvt"
expect_success
j=$(printf '%s\n' "$output" | grep '^{')
[ "$(printf '%s\n' "$j" | wc -l)" -eq 1 ] || fail "want one JSON line"
case $j in
*'"BLOCK_WRITE":{"count":128,"time_ns":'*) ;;
*) fail "no BLOCK_WRITE count in JSON" ;;
esac
case $j in
*'"HALT":{"count":1,"time_ns":'*) ;;
*) fail "no HALT count in JSON" ;;
esac
case $j in
*'"exits":{"IO":{"count":'"$hc"',"time_ns":'*) ;;
*) fail "no IO exit count in JSON" ;;
esac
case $j in
*'"devices":{"storage":{"type":"block","reads":128,"writes":128,"read_bytes":65536,"write_bytes":65536,"flushes":0}}'*) ;;
*) fail "no storage device in JSON" ;;
esac
printf '%s\n' "$j" | grep -Eq '^\{"hypercalls":\{.*\},"exits":\{.*\},"devices":\{.*\},"phases_ns":\{"elf":[1-9][0-9]*,"memory":[1-9][0-9]*,"setup":[1-9][0-9]*,"sandbox":[1-9][0-9]*,"kvm":[1-9][0-9]*,"guest":[1-9][0-9]*\},"memory":\{"guest_bytes":[0-9]+,"touched_bytes":[1-9][0-9]*\}\}$' ||
    fail "JSON of another shape"
g=$(printf '%s\n' "$j" | sed 's/.*"guest_bytes":\([0-9]*\),"touched_bytes":\([0-9]*\).*/\1 \2/')
[ "${g#* }" -le "${g% *}" ] || fail "touched more than the guest has: $g"

# blk_req: 4096 bytes in one request each way, then a flush; the trace's requests and
# lengths add up to it, and --stats counts the same requests and bytes.
hvt_run --block:storage="$f" --trace="$t" --stats -- "$KILN_GUEST/blk_req.hvt"
expect_success
expect_text "request 4096 bytes"
tr=$(cat "$t")
# sums OP: "COUNT BYTES DISTINCT_LENGTHS" of OP's successful lines on handle 1.
sums() {
    printf '%s\n' "$tr" | awk -v op="$1" '$3 == op && $4 == "handle=1" && $7 == "ret=0" {
        sub("len=", "", $6); n++; b += $6; if (!($6 in l)) { l[$6] = 1; d++ } }
        END { print n + 0, b + 0, d + 0 }'
}
w=$(sums BLOCK_WRITE)
r=$(sums BLOCK_READ)
[ "${w#* }" = "4096 1" ] || fail "BLOCK_WRITE lines: want 4096 bytes of one length, got $w"
[ "${r#* }" = "4096 1" ] || fail "BLOCK_READ lines: want 4096 bytes of one length, got $r"
[ "$(n "^$num hypercall BLOCK_WRITE handle=1 offset=0 len=[0-9]+ ret=0 [0-9]+ns$")" -eq 1 ] ||
    fail "the write does not start at offset 0"
[ "$(n "^$num hypercall BLOCK_FLUSH handle=1 ret=0 [0-9]+ns$")" -eq 1 ] ||
    fail "want one BLOCK_FLUSH line with its handle and result"
[ "$(n "^$num hypercall BLOCK_")" -eq $((${w%% *} + ${r%% *} + 1)) ] ||
    fail "block lines other than the requests and the flush"
expect_line "device block storage: reads=${r%% *} writes=${w%% *} read_bytes=4096 write_bytes=4096 flushes=1"
expect_line "hypercall +BLOCK_FLUSH +1 +[0-9]+"
echo "trace: all checks passed (blk_req: $w write, $r read requests, bytes, lengths)"
