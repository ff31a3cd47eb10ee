#!/bin/sh
# hvt block: requests of many blocks vs one block per call (the same guest), per-sector
# calls, random reads and flush vs pread/pwrite/fdatasync (blk_host), all in this boot.
# title: hvt block: requests of many blocks, one block per call, and the host
# row: >= 10 read, 4 KiB requests
# row: >= 10 write, 4 KiB requests
# row: >= 10 read, 64 KiB requests
# row: >= 10 write, 64 KiB requests
# row: >= 10 read, 1 MiB requests
# row: >= 10 write, 1 MiB requests
# row: >= 0.8 read, 512-byte sectors
# row: >= 0.8 write, 512-byte sectors
# row: >= 0.8 read, 4096-byte sectors
# row: >= 0.8 write, 4096-byte sectors
# row: >= 0.8 random 4 KiB reads
# row: >= 0.8 write + flush
. "$(dirname "$0")/../lib.sh"
. "$KILN_TOOLS/benchlib.sh"
# MB: each sequential pass of many blocks; ONE_MB: the one-block-per-call baseline's
# pass and the per-sector rows' file (the same rate per byte, over fewer calls).
# SEQ_RUNS: the 256 MiB passes (in the VM one 4 KiB pass took about 50 s on a loaded host).
if [ "$KILN_HVT_MODE" = vm ]; then ONE_MB=8 RUNS=3 SEQ_RUNS=1 RAND=2000 FLUSHES=50; else
    ONE_MB=64 RUNS=5 SEQ_RUNS=5 RAND=20000 FLUSHES=200; fi
MB=256
IMG=$KILN_TMP/blk.img
dd if=/dev/zero of="$IMG" bs=1M count=$MB 2>/dev/null

hvt_blk() {
    "$HVT" --mem=8 --block:storage="$IMG" ${BLK_SECTOR:+--block-sector-size:storage=$BLK_SECTOR} \
        "$KILN_GUEST/blk_seq.hvt" --solo5:quiet "$*"
}

# rows LABEL TARGET DIV KEY...: pairs (${N:-$RUNS} of them), then a row per KEY
# ("KEY, LABEL" if several).
rows() {
    label=$1 target=$2 div=$3
    shift 3
    ok=0
    pairs "${N:-$RUNS}" "$@" || ok=1
    for k in "$@"; do
        l=$label
        [ $# -eq 1 ] || l="$k, $label"
        if [ $ok -eq 0 ]; then
            pair_row "$l" "$k" "$div" ">=" "$target"
        else
            bench_fail "$l" ">=" "$target" "$(cat "$KILN_TMP/why")"
        fi
    done
}

bench_header "hvt block: requests of many blocks over $MB MiB vs one 512-byte block per call over $ONE_MB MiB, median of $SEQ_RUNS paired runs" \
    MB/s
BLK_SECTOR=
host_cmd() { hvt_blk seq 512 "$ONE_MB"; }
N=$SEQ_RUNS
for req in 4096 65536 1048576; do
    guest_cmd() { hvt_blk seq "$req" "$MB"; }
    rows "$(blk_size_label $req) requests" 10 1000000 read write
done
N=
echo "(the same guest and tender both sides: solo5_block_read/write of one request each,"
echo " in order, vs a request of one 512-byte block each; the file in tmpfs in the VM)"

bench_header "hvt block vs the host, median of $RUNS paired runs" "MB/s, flushes/s"
for bs in 512 4096; do
    BLK_SECTOR=$bs
    guest_cmd() { hvt_blk seq 0 "$ONE_MB"; }
    host_cmd() { "$KILN_TOOLS/blk_host" "$IMG" seq $BLK_SECTOR "$ONE_MB"; }
    rows "$bs-byte sectors" 0.8 1000000 read write
done
BLK_SECTOR=
guest_cmd() { hvt_blk rand 4096 "$RAND"; }
host_cmd() { "$KILN_TOOLS/blk_host" "$IMG" rand 4096 "$RAND"; }
rows "random 4 KiB reads" 0.8 1000000 rand
guest_cmd() { hvt_blk flush "$FLUSHES"; }
host_cmd() { "$KILN_TOOLS/blk_host" "$IMG" flush "$FLUSHES"; }
rows "write + flush" 0.8 1 flush
echo "(sectors: one sector per call over $ONE_MB MiB; random: $RAND reads at 4 KiB-aligned"
echo " offsets, the same on both sides; flush: $FLUSHES times a 4 KiB write then"
echo " solo5_block_flush vs pwrite(2) then fdatasync(2))"
