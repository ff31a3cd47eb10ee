#!/bin/sh
# Durability: SIGKILL the tender at a random moment while the guest writes numbered
# blocks ("ACK n" after each acknowledged write); every acknowledged block must be on
# disk. Six rounds at 512 and 4096 bytes; then the checker must notice a lost write.
. "$(dirname "$0")/../lib.sh"
f=$KILN_TMP/disk
log=$KILN_TMP/durable.log

# acked LOG: the number of the last acknowledged write, or nothing.
acked() {
    grep -ao 'ACK [0-9][0-9]*' "$1" | tail -n 1 | cut -d' ' -f2
}

for round in 1 2 3 4 5 6; do
    bs=512
    [ $((round % 2)) -eq 0 ] && bs=4096
    img "$f" $((256 * bs))
    "$HVT" --mem="$HVT_MEM" --block:storage="$f" --block-sector-size:storage=$bs \
        -- "$KILN_GUEST/blk_durable.hvt" 100000000 >"$log" 2>&1 </dev/null &
    pid=$!
    for _ in $(seq 600); do
        grep -q '^ACK' "$log" && break
        sleep 0.1
    done
    # 0.10 to 0.49 s after the first acknowledged write
    sleep "0.$(($(od -An -N1 -tu1 /dev/urandom) % 40 + 10))"
    kill -9 $pid
    wait $pid 2>/dev/null || true
    last=$(acked "$log")
    [ -n "$last" ] && [ "$last" -gt 0 ] || fail "round $round: no ACK: $(head -c 600 "$log")"
    "$KILN_TOOLS/blkcheck" "$f" $bs "$last" || fail "round $round (bs $bs): lost a write"
    echo "round $round (bs $bs): $last acknowledged writes all on disk"
done
# The checker itself must notice a lost write: wipe the newest acknowledged block.
dd if=/dev/zero of="$f" bs=$bs seek=$((last % 256)) count=1 conv=notrunc 2>/dev/null
if "$KILN_TOOLS/blkcheck" "$f" $bs "$last"; then
    fail "blkcheck missed a wiped block"
fi
echo "blkcheck notices a wiped block"
