#!/bin/sh
# make bench, devices: spt guest network and block throughput as ratios to host processes.
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
NS=kilnbench$$

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

# pairs KEY...: RUNS paired runs of the shell function guest_cmd and
# host_cmd (order alternates), each printing "KEY RATE" lines; for each KEY,
# appends "GUEST_RATE HOST_RATE" to $TMP/KEY; all of them are dropped if a
# run fails, and the row then says so.
pairs() {
    i=0
    while [ $i -lt "$RUNS" ]; do
        if [ $((i % 2)) -eq 0 ]; then
            guest_cmd >"$TMP/g" && host_cmd >"$TMP/h" || break
        else
            host_cmd >"$TMP/h" && guest_cmd >"$TMP/g" || break
        fi
        for k in "$@"; do
            g=$(awk -v k="$k" '$1 == k { print $2 }' "$TMP/g")
            h=$(awk -v k="$k" '$1 == k { print $2 }' "$TMP/h")
            [ -n "$g" ] && [ -n "$h" ] || break 2
            echo "$g $h" >>"$TMP/$k"
        done
        i=$((i + 1))
    done
    [ $i -eq "$RUNS" ] || for k in "$@"; do rm -f "$TMP/$k"; done
}

# row LABEL KEY DIV: median guest rate/DIV, median host rate/DIV, median ratio.
row() {
    if [ ! -s "$TMP/$2" ]; then
        printf '%-34s %10s %10s %9s\n' "$1" failed - -
        return
    fi
    awk -v label="$1" -v div="$3" '
        function median(v, n,   i, j, t) {
            for (i = 2; i <= n; i++)
                for (j = i; j > 1 && v[j - 1] > v[j]; j--) {
                    t = v[j]; v[j] = v[j - 1]; v[j - 1] = t
                }
            return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
        }
        { n++; g[n] = $1 / div; h[n] = $2 / div; r[n] = $2 ? $1 / $2 : 0 }
        END { printf "%-34s %10.1f %10.1f %8.2fx\n", label, median(g, n),
                     median(h, n), median(r, n) }' "$TMP/$2"
    rm -f "$TMP/$2"
}

header() {
    echo
    echo "== $1 ($2), median of $RUNS paired runs"
    printf '%-34s %10s %10s %9s\n' "case" "spt" "baseline" "ratio"
}

in_ns() { ip netns exec "$NS" "$@"; }

# ---- network: both directions, inside a private namespace --------------------
net_tx() {
    header "net tx: guest -> tap, $TX_FRAMES frames a run" "kframes/s"
    for size in 64 1500; do
        guest_cmd() { in_ns $PIN_A $SPT --net:service0=tap100 \
            "$G/net_tx.spt" --solo5:quiet "$TX_FRAMES $size"; }
        host_cmd() { in_ns $PIN_A "$H/net_host" tx tap100 "$TX_FRAMES" "$size"; }
        pairs rate || true
        row "$size-byte frames" rate 1000
    done
    echo "(frames written one per call with solo5_net_write vs write(2) on the same"
    echo " non-blocking tap, timed around the loop; target ratio >= 0.9)"
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
        pairs rate || true
        row "$size-byte frames" rate 1000
    done
    echo "(a burst is queued on the tap, then a frame on a second tap says go; timed:"
    echo " reading the queue empty with solo5_net_read vs read(2), after one"
    echo " solo5_yield vs epoll_wait; the injector never races the reader; target >= 0.9)"
    if [ -s "$TMP/short" ]; then
        echo "($(wc -l <"$TMP/short") runs got a partial burst; their rates are of frames received)"
        rm -f "$TMP/short"
    fi
}

net() {
    if ! scripts/kiln-netns create "$NS" >/dev/null 2>&1; then
        echo
        echo "== network benchmarks skipped: cannot create a network namespace (root?)"
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

# ---- block: sequential read then write of a 64 MiB file ----------------------
block() {
    IMG=$B/bench/blk.$$.img
    dd if=/dev/zero of="$IMG" bs=1M count=64 status=none
    sync "$IMG"
    header "block: every sector of a 64 MiB file, in order" "MB/s"
    for bs in 512 4096; do
        guest_cmd() { $PIN_A $SPT --block:storage="$IMG" \
            --block-sector-size:storage=$bs "$G/blk_seq.spt" --solo5:quiet; }
        host_cmd() { $PIN_A "$H/blk_host" "$IMG" $bs; }
        pairs read write || true
        row "read, $bs-byte sectors" read 1000000
        row "write, $bs-byte sectors" write 1000000
    done
    rm -f "$IMG"
    echo "(solo5_block_read/write vs pread/pwrite(2) of one sector each, in order over"
    echo " the same file, served from the page cache; target ratio >= 0.9)"
}

net
block
