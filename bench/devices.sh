#!/bin/sh
# make bench, devices: spt guest network and block throughput, flush rate, as ratios to host processes.
set -eu
cd "$(dirname "$0")/.."
B=build
SPT="$B/stage/bin/solo5-spt --mem=4"
G=$B/bench/guest
H=$B/bench
RUNS=${BENCH_DEV_RUNS:-5}
TX_FRAMES=200000 # frames written per tx run
RX_FRAMES=150000 # frames queued, then read, per rx run
TMP=$(mktemp -d)
KILN_TMP=$TMP # for benchlib.sh's pairs
NS=kilnbench$$
. bench/hvt/benchlib.sh

cleanup() {
    [ -z "${INJ-}" ] || kill "$INJ" 2>/dev/null || true
    scripts/kiln-netns destroy "$NS" 2>/dev/null || true
    rm -rf "$TMP" ${IMG:+"$IMG"}
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Pin the process under test to CPU 1 (the rx injector gets CPU 0): less noise.
PIN_A= PIN_B=
if [ "$(nproc)" -ge 2 ] && command -v taskset >/dev/null; then
    PIN_A="taskset -c 1" PIN_B="taskset -c 0"
fi

# header TITLE UNIT: a section's title and column names.
header() { bench_header "$1, median of $RUNS paired runs" "$2" spt; }

in_ns() { ip netns exec "$NS" "$@"; }

# ---- network: both directions, inside a private namespace --------------------
net_tx() {
    header "net tx: guest -> tap, $TX_FRAMES frames a run" "kframes/s"
    for size in 64 1500; do
        guest_cmd() { in_ns $PIN_A $SPT --net:service0=tap100 \
            "$G/net_tx.spt" --solo5:quiet "$TX_FRAMES $size"; }
        host_cmd() { in_ns $PIN_A "$H/net_host" tx tap100 "$TX_FRAMES" "$size"; }
        measure "$size-byte frames" rate 1000 ">=" 0.9 "$RUNS"
    done
    echo "(frames written one per call with solo5_net_write vs write(2) on the same"
    echo " non-blocking tap, timed around the loop)"
}

# An injector queues RX_FRAMES frames of size bytes on tap100, then "go" on tap101.
inject() {
    # a simple command, so that INJ is the injector's own pid (ip and taskset exec)
    ip netns exec "$NS" $PIN_B "$H/net_inject" tap100 tap101 "$1" "$RX_FRAMES" \
        >"$TMP/inj" &
    INJ=$!
}

# rx_done STATUS: the reader's status, or 1 if the injector failed; notes a
# burst the tap did not take whole in $TMP/short.
rx_done() {
    st=$1
    [ "$st" -eq 0 ] || kill "$INJ" 2>/dev/null || true
    wait "$INJ" || st=1
    INJ=
    q=$(awk '$1 == "queued" { print $2 }' "$TMP/inj")
    [ "${q:-0}" -eq "$RX_FRAMES" ] || echo "$q" >>"$TMP/short"
    return "$st"
}

net_rx() {
    header "net rx: tap -> guest, $RX_FRAMES frames a run" "kframes/s"
    for size in 64 1500; do
        guest_cmd() { inject "$size"; in_ns $PIN_A $SPT --net:data=tap100 \
            --net:ctl=tap101 "$G/net_rx.spt" --solo5:quiet "$RX_FRAMES"; rx_done $?; }
        host_cmd() { inject "$size"; in_ns $PIN_A "$H/net_host" rx tap100 tap101 \
            "$RX_FRAMES"; rx_done $?; }
        measure "$size-byte frames" rate 1000 ">=" 0.9 "$RUNS"
    done
    echo "(a burst is queued on the tap, then a frame on a second tap says go; timed:"
    echo " reading the queue empty with solo5_net_read vs read(2), after one"
    echo " solo5_yield vs epoll_wait; the injector never races the reader)"
    if [ -s "$TMP/short" ]; then
        echo "($(wc -l <"$TMP/short") runs got a partial burst; their rates are of frames received)"
        rm -f "$TMP/short"
    fi
}

net() {
    if ! scripts/kiln-netns create "$NS" >/dev/null 2>&1; then
        header "net tx and rx" kframes/s
        for r in "net tx, 64-byte frames" "net tx, 1500-byte frames" \
            "net rx, 64-byte frames" "net rx, 1500-byte frames"; do
            bench_fail "$r" ">=" 0.9 "no network namespace (root?)"
        done
        return
    fi
    # a deep queue holds the rx burst; no IPv6 chatter on the measured taps
    in_ns ip link set tap100 txqueuelen $((RX_FRAMES + 1000))
    for t in tap100 tap101; do
        in_ns sysctl -qw net.ipv6.conf.$t.disable_ipv6=1 2>/dev/null || true
    done
    net_tx
    net_rx
    scripts/kiln-netns destroy "$NS"
}

# ---- block: sequential, random and flush, against the same calls on the host ----
BLK_MB=${BENCH_BLK_MB:-256} # the file, and each sequential pass
BLK_RAND=20000              # random reads a run
BLK_FLUSHES=${BENCH_BLK_FLUSHES:-200}

# blk_rows LABEL TARGET KEY...: pairs of guest_cmd and host_cmd, then one row per KEY
# ("KEY, LABEL" when there are several), values divided by BLK_DIV.
blk_rows() {
    label=$1 target=$2
    shift 2
    if pairs "$RUNS" "$@"; then
        for k in "$@"; do
            l=$label
            [ $# -eq 1 ] || l="$k, $label"
            pair_row "$l" "$k" "$BLK_DIV" ">=" "$target"
        done
    else
        for k in "$@"; do
            l=$label
            [ $# -eq 1 ] || l="$k, $label"
            bench_fail "$l" ">=" "$target" "$(cat "$TMP/why")"
        done
    fi
}

# blk WORDS: guest_cmd and host_cmd doing WORDS (bench/guest/common/bench_blk.h).
blk() {
    BLK_WORDS=$*
    guest_cmd() { $PIN_A $SPT --mem=8 --block:storage="$IMG" "$G/blk_seq.spt" \
        --solo5:quiet "$BLK_WORDS"; }
    # shellcheck disable=SC2086
    host_cmd() { $PIN_A "$H/blk_host" "$IMG" $BLK_WORDS; }
}

block() {
    IMG=$B/bench/blk.$$.img
    dd if=/dev/zero of="$IMG" bs=1M count="$BLK_MB" status=none
    sync "$IMG"
    header "block: sequential passes over a $BLK_MB MiB file, 512-byte blocks" "MB/s"
    BLK_DIV=1000000
    for req in 4096 65536 1048576; do
        blk seq $req "$BLK_MB"
        blk_rows "$(blk_size_label $req) requests" 0.9 read write
    done
    echo "(solo5_block_read/write of one request each, in order over the whole file, vs"
    echo " pread/pwrite(2) of the same sizes on the same file, in the page cache)"
    header "block: random 4 KiB reads over the file, $BLK_RAND a run" "MB/s"
    blk rand 4096 "$BLK_RAND"
    blk_rows "random 4 KiB reads" 0.9 rand
    header "block: a 4 KiB write, then flush, $BLK_FLUSHES a run" "flushes/s"
    BLK_DIV=1
    blk flush "$BLK_FLUSHES"
    blk_rows "write + flush" 0.9 flush
    echo "(solo5_block_write then solo5_block_flush vs pwrite(2) then fdatasync(2) of the"
    echo " same file: flushes per second is the inverse of the flush latency)"
    rm -f "$IMG"
}
# BENCH_DEV_PARTS: the sections to run (default both)
for part in ${BENCH_DEV_PARTS:-net block}; do $part; done
