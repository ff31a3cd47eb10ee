#!/bin/sh
# hvt net frames per second, both directions, ring and hypercall path, vs net_host on a tap.
# title: hvt net: frames per second, guest <-> tap
# row: >= 0.8 tx 64-byte frames, ring
# row: >= 0.8 tx 1500-byte frames, ring
# row: >= 0.8 tx 64-byte frames, hypercalls
# row: >= 0.8 tx 1500-byte frames, hypercalls
# row: >= 0.8 rx 64-byte frames, ring
# row: >= 0.8 rx 1500-byte frames, ring
# row: >= 0.8 rx 64-byte frames, hypercalls
# row: >= 0.8 rx 1500-byte frames, hypercalls
. "$(dirname "$0")/../lib.sh"
. "$KILN_TOOLS/benchlib.sh"
if [ "$KILN_HVT_MODE" = vm ]; then
    TX=${BENCH_HVT_TX:-30000} RX=${BENCH_HVT_RX:-30000} RUNS=${BENCH_HVT_NET_RUNS:-5}
else
    TX=200000 RX=150000 RUNS=5
fi
INJ=
net_setup
trap 'kill $INJ 2>/dev/null; net_cleanup' EXIT
# a deep queue holds the rx burst; no IPv6 chatter on the measured taps
in_ns ip link set tap100 txqueuelen $((RX + 1000))
for t in tap100 tap101; do
    in_ns sysctl -qw net.ipv6.conf.$t.disable_ipv6=1 2>/dev/null || true
done
HVT_NET="$HVT --mem=4"

bench_header "hvt net: tx $TX, rx $RX frames a run, median of $RUNS paired runs" kframes/s
for ring in ring hypercalls; do
    opt=
    [ $ring = ring ] || opt=--no-net-ring
    for size in 64 1500; do
        guest_cmd() { in_ns $HVT_NET $opt --net:service0=tap100 "$KILN_GUEST/net_tx.hvt" \
            --solo5:quiet "$TX $size"; }
        host_cmd() { in_ns "$KILN_TOOLS/net_host" tx tap100 "$TX" "$size"; }
        measure "tx $size-byte frames, $ring" rate 1000 ">=" 0.8 "$RUNS"
    done
done

# An injector queues RX frames of $1 bytes on tap100, then "go" on tap101.
inject() {
    ip netns exec "$KILN_NS" "$KILN_TOOLS/net_inject" tap100 tap101 "$1" "$RX" \
        >"$KILN_TMP/inj" 2>&1 &
    INJ=$!
}

# rx_done STATUS: the reader's status, or 1 if the injector failed; notes a partial
# burst in $KILN_TMP/short.
rx_done() {
    st=$1
    [ "$st" -eq 0 ] || kill "$INJ" 2>/dev/null || true
    wait "$INJ" || st=1
    INJ=
    q=$(value "$KILN_TMP/inj" queued)
    [ "${q:-0}" -eq "$RX" ] || echo "$q" >>"$KILN_TMP/short"
    return "$st"
}

for ring in ring hypercalls; do
    opt=
    [ $ring = ring ] || opt=--no-net-ring
    for size in 64 1500; do
        guest_cmd() { inject "$size"; in_ns $HVT_NET $opt --net:data=tap100 \
            --net:ctl=tap101 "$KILN_GUEST/net_rx.hvt" --solo5:quiet "$RX"; rx_done $?; }
        host_cmd() { inject "$size"; in_ns "$KILN_TOOLS/net_host" rx tap100 tap101 "$RX"
            rx_done $?; }
        measure "rx $size-byte frames, $ring" rate 1000 ">=" 0.8 "$RUNS"
    done
done
echo "(tx: frames written one per call with solo5_net_write vs write(2) on the same"
echo " non-blocking tap, timed around the loop; rx: a burst is queued on the tap, then"
echo " a frame on a second tap says go; timed: reading the queue empty with"
echo " solo5_net_read vs read(2); ring: the default shared-memory ring, hypercalls:"
echo " --no-net-ring; nothing pinned: the ring thread needs a CPU of its own; ring tx:"
echo " up to 1023 frames may still be queued when the guest's clock stops)"
if [ -s "$KILN_TMP/short" ]; then
    echo "($(wc -l <"$KILN_TMP/short") runs got a partial burst; their rates are of frames received)"
fi
