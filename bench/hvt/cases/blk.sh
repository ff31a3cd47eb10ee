#!/bin/sh
# hvt block throughput: solo5_block_read/write of every sector vs pread/pwrite (blk_host).
# title: hvt block: every sector of a file, in order
# row: >= 0.8 read, 512-byte sectors
# row: >= 0.8 write, 512-byte sectors
# row: >= 0.8 read, 4096-byte sectors
# row: >= 0.8 write, 4096-byte sectors
. "$(dirname "$0")/../lib.sh"
. "$KILN_TOOLS/benchlib.sh"
if [ "$KILN_HVT_MODE" = vm ]; then MB=8 RUNS=5; else MB=64 RUNS=5; fi
IMG=$KILN_TMP/blk.img
dd if=/dev/zero of="$IMG" bs=1M count=$MB 2>/dev/null
bench_header "hvt block: every sector of a $MB MiB file, in order, median of $RUNS paired runs" \
    MB/s
for bs in 512 4096; do
    guest_cmd() {
        "$HVT" --mem=4 --block:storage="$IMG" --block-sector-size:storage=$bs \
            "$KILN_GUEST/blk_seq.hvt" --solo5:quiet
    }
    host_cmd() { "$KILN_TOOLS/blk_host" "$IMG" $bs; }
    if pairs "$RUNS" read write; then
        pair_row "read, $bs-byte sectors" read 1000000 ">=" 0.8
        pair_row "write, $bs-byte sectors" write 1000000 ">=" 0.8
    else
        bench_fail "read, $bs-byte sectors" ">=" 0.8 "$(cat "$KILN_TMP/why")"
        bench_fail "write, $bs-byte sectors" ">=" 0.8 "$(cat "$KILN_TMP/why")"
    fi
done
echo "(solo5_block_read/write vs pread/pwrite(2) of one sector each, in order over the"
echo " same file (tmpfs in the VM, else the page cache); each sector is one hypercall)"
