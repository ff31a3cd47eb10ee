#!/bin/sh
# --dumpcore=DIR on hvt: an abort and a trap (null dereference, invalid instruction) write
# DIR/core.solo5-hvt.PID and name it on one line; gdb's backtrace of the core shows the
# aborting or faulting function and its caller, the marker in guest memory and xmm7; a
# normal exit writes nothing.
. "$(dirname "$0")/../lib.sh"
command -v gdb >/dev/null || fail "no gdb here (tests/kvm/kvm-exec copies the host's)"
D=$KILN_TMP/cores
K=$KILN_GUEST/dumpcore.hvt

# the_core: the one core file in $D, named as the tender printed it; sets CORE.
the_core() {
    set -- "$D"/core.solo5-hvt.*
    [ $# -eq 1 ] && [ -f "$1" ] || fail "cores in $D: $*"
    CORE=$1
    expect_line "solo5-hvt: dumpcore: dumping guest core to: $CORE"
    echo "core: $CORE, $(stat -c %s "$CORE") bytes"
}

# gdb_core CMDS...: gdb's output for $K and $CORE with each -ex CMD, as output.
gdb_core() {
    cmds=
    for x in "$@"; do cmds="$cmds -ex '$x'"; done
    output=$(eval timeout 120 gdb -batch -nx "$K" "$CORE" "$cmds" 2>&1)
    echo "--- gdb $*:"
    printf '%s\n' "$output"
}

mkdir -p "$D"
hvt_run --dumpcore="$D" -- "$K" abort
expect_status 255 "Solo5: solo5_abort() called"
the_core
gdb_core bt 'printf "%#llx\n", dumpcore_marker' 'printf "xmm7=%#llx\n", $xmm7.v2_int64[0]'
expect_text dumpcore_abort_here
expect_text dumpcore_caller
expect_text solo5_app_main
expect_text 0x6b696c6e636f7265
expect_text xmm7=0x1122334455667788
rm -f "$D"/*

for c in fault ill; do
    hvt_run --dumpcore="$D" -- "$K" $c
    expect_status 255 "Solo5: trap"
    the_core
    gdb_core bt
    expect_text "dumpcore_${c}_here"
    expect_text dumpcore_caller
    rm -f "$D"/*
done

hvt_run --dumpcore="$D" -- "$K" exit
expect_success
expect_no_text dumpcore:
[ -z "$(ls -A "$D")" ] || fail "left in $D: $(ls -A "$D")"

# Without --dumpcore an abort writes nothing where the tender runs.
(cd "$D" && hvt_run -- "$K" abort)
[ -z "$(ls -A "$D")" ] || fail "left in $D: $(ls -A "$D")"
echo "dumpcore: all checks passed"
