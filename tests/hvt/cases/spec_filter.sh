#!/bin/sh
# The seccomp filter each tender installs (read back from the running process) allows
# exactly the syscalls its --describe, and so solo5-hvt-configure --report, counts:
# console-only, block-only and all-modules tenders, the default solo5-hvt among them.
. "$(dirname "$0")/../lib.sh"
net_setup
f=$KILN_TMP/disk
img "$f" 1048576
# child_of PID: the process whose parent is PID (busybox has no pgrep -P).
child_of() {
    for s in /proc/[0-9]*/stat; do
        read -r p _ _ pp _ <"$s" 2>/dev/null && [ "$pp" = "$1" ] && echo "$p" && return
    done
}
# check TENDER GUEST ARGS...: starts TENDER on GUEST (which then spins for
# ever), compares its filter's syscalls with its --describe, stops it.
check() {
    HVT=$1 guest=$2
    shift 2
    hvt_bg "$KILN_TMP/log" "$@" -- "$guest" spin
    # hvt_bg's pid is timeout's; the tender is its child.
    pid=$(child_of "$HVT_PID")
    [ -n "$pid" ] || fail "$HVT is not running: $(cat "$KILN_TMP/log")"
    got=$("$KILN_TOOLS/filtercalls" "$pid") ||
        fail "filtercalls failed for $HVT"
    want=$("$HVT" --describe | sed -n 's/^syscalls: //p')
    kill -TERM "$HVT_PID"
    wait "$HVT_PID" || true
    HVT_PID=
    [ "$got" = "$want" ] || fail "$HVT: filter allows '$got', --describe says '$want'"
    echo "$(basename "$HVT"): $got"
}
check "$KILN_TENDERS/solo5-hvt-hello" "$KILN_GUEST/evil_nodev.hvt"
check "$KILN_TENDERS/solo5-hvt-blk" "$KILN_GUEST/evil.hvt" --block:storage="$f"
check "$KILN_TENDERS/solo5-hvt-mixed" "$KILN_GUEST/evil_net.hvt" --block:storage="$f" \
    --net:service0=tap100
check "$KILN_BIN/solo5-hvt" "$KILN_GUEST/evil_net.hvt" --block:storage="$f" \
    --net:service0=tap100
