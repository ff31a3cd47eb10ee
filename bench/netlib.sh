# Bench scripts' two namespaces: C (kiln-netns's taps, the client) and L (Linux servers) on a veth pair.
# Sourced by bench/sockets.sh and bench/https.sh (POSIX sh), after tests/lib/guest.sh and
# tests/lib/sockets.sh; uses their NS, NSL, LINUX (L's address), PIDS and KILN_TMP.

# cleanup: ends the servers of PIDS, removes both namespaces.
cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    for p in $PIDS; do wait "$p" 2>/dev/null; done
    PIDS=
    ip netns del "$NSL" 2>/dev/null
    scripts/kiln-netns destroy "$NS" 2>/dev/null
}

# topology: C (kiln-netns's taps, 10.9.0.1 on veth kbc) and L (10.9.0.2 on veth kbl).
topology() {
    scripts/kiln-netns create "$NS" &&
        ip netns add "$NSL" &&
        ip -n "$NSL" link set lo up &&
        ip -n "$NS" link add kbc type veth peer name kbl netns "$NSL" &&
        ip -n "$NS" addr add 10.9.0.1/24 dev kbc &&
        ip -n "$NSL" addr add "$LINUX/24" dev kbl &&
        ip -n "$NS" link set kbc up &&
        ip -n "$NSL" link set kbl up
}

# serve NAME LOG NS CMD...: a server in namespace NS in the background, under timeout,
# until LOG says it serves; its pid (timeout's) in SPID.
serve() {
    name=$1 log=$2 ns=$3
    shift 3
    ip netns exec "$ns" timeout -k 5 900 "$@" >"$log" 2>&1 </dev/null &
    SPID=$!
    PIDS="$PIDS $SPID"
    guest_serving "$log" "$SPID" 600 || { echo "$name did not serve: $(tail -n 1 "$log")"; return 1; }
}

# stop PID...: ends servers this script started.
stop() {
    for p in "$@"; do kill "$p" 2>/dev/null; done
    for p in "$@"; do wait "$p" 2>/dev/null; done
    left=
    for p in $PIDS; do case " $* " in *" $p "*) ;; *) left="$left $p" ;; esac; done
    PIDS=$left
}
