#!/bin/sh
# gdb on hvt: Debian's gdb in batch mode drives the stub (--gdb, 127.0.0.1:1234): a
# breakpoint at solo5_app_main, continue, step, locals, r12-r15 as the guest set them, a
# write watchpoint that fires, detach; then the guest runs on to its own exit (7). Then:
# a debugger that disconnects mid-packet, hostile packets, an abort under gdb, register
# and memory writes, kill, and a fatal guest condition under gdb.
. "$(dirname "$0")/../lib.sh"
command -v gdb >/dev/null || fail "no gdb here (tests/kvm/kvm-exec copies the host's)"

# hvt_gdb_bg LOG ARGS...: solo5-hvt ARGS in the background; waits until it listens.
hvt_gdb_bg() {
    log=$1
    shift
    HVT_ARGS="--mem=$HVT_MEM $*"
    timeout 300 "$HVT" --mem="$HVT_MEM" "$@" >"$log" 2>&1 </dev/null &
    HVT_PID=$!
    for _ in $(seq 300); do
        grep -q "waiting for a connection" "$log" && return 0
        sleep 0.1
    done
    fail "the tender did not listen: $(cat "$log")"
}

hvt_gdb_bg "$KILN_TMP/hvt.log" --gdb -- "$KILN_GUEST/gdb.hvt"
cat >"$KILN_TMP/cmds" <<'CMDS'
set pagination off
set confirm off
target remote 127.0.0.1:1234
break solo5_app_main
continue
break *gdb_regs_set
continue
info registers r12 r13 r14 r15
break compute
continue
step
print tripled
next
print plus
info locals
watch gdb_watched
continue
delete
detach
CMDS
gdb_out=$(timeout 300 gdb -nx -batch -x "$KILN_TMP/cmds" "$KILN_GUEST/gdb.hvt" 2>&1)
echo "--- gdb:"
printf '%s\n' "$gdb_out" | grep -v "^    '"
wait_hvt "$KILN_TMP/hvt.log"
expect_status 7 "gdb: result 46"
output=$gdb_out
expect_line 'Breakpoint 1, solo5_app_main \(.*'
expect_line 'r12 +0x1212121212121212 +[0-9]+'
expect_line 'r13 +0x1313131313131313 +[0-9]+'
expect_line 'r14 +0x1414141414141414 +[0-9]+'
expect_line 'r15 +0x1515151515151515 +[0-9]+'
expect_line 'Breakpoint 3, compute \(a=14\) at .*'
expect_line '\$1 = 42'
expect_line '\$2 = 46'
expect_line 'tripled = 42'
expect_line 'plus = 46'
expect_line 'Hardware watchpoint 4: gdb_watched'
expect_line 'Old value = 0'
expect_line 'New value = 46'
expect_text 'detached'
echo "gdb drove the guest to its exit"

# A debugger that sends half a packet and goes: one line, exit 1, no crash.
hvt_gdb_bg "$KILN_TMP/cut.log" --gdb --gdb-port=1240 -- "$KILN_GUEST/gdb.hvt"
{ printf '+$qSupported:multiprocess+;swbre'; sleep 1; } | timeout 5 nc 127.0.0.1 1240 >/dev/null 2>&1
wait_hvt "$KILN_TMP/cut.log"
expect_status 1
expect_line 'solo5-hvt: gdb: the debugger closed the connection'
echo "a debugger leaving mid-packet ends the tender with one line"

# Hostile packets on a live stub: an address outside the guest, a malformed and an
# oversized packet, a bad checksum, a breakpoint nowhere or of a wrong size, registers
# that do not exist: each gets its error reply (or '-'), in order; then a good read.
hvt_gdb_bg "$KILN_TMP/evil.log" --gdb --gdb-port=1241 -- "$KILN_GUEST/gdb.hvt"
big=$(head -c 5000 /dev/zero | tr '\0' A)
{
    printf '%s' '$mffffffff00000000,4#7d' '$m1#9e' '$g#00' "\$$big#88" \
        '$Z0,ffffffff00000000,1#c3' '$Z0,100000,2#35' '$G00#a7' '$P99=00#5f' \
        '$m100000,4#ee'
    sleep 3
} | timeout 10 nc 127.0.0.1 1241 >"$KILN_TMP/evil.replies" 2>&1
replies=$(cat "$KILN_TMP/evil.replies")
echo "replies: $replies"
case $replies in
'+$E03#a8+$E01#a6-+$E02#a7+$E03#a8+$E04#a9+$E05#aa+$E05#aa+$'[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'#'*) ;;
*) fail "unexpected replies to hostile packets: $replies" ;;
esac
wait_hvt "$KILN_TMP/evil.log"
expect_status 1
expect_line 'solo5-hvt: gdb: the debugger closed the connection'
echo "hostile packets got error replies"

# A guest that aborts while gdb is attached: gdb hears the exit status (255), the tender
# ends as without gdb.
hvt_gdb_bg "$KILN_TMP/abort.log" --gdb --gdb-port=1242 -- "$KILN_GUEST/abort.hvt"
gdb_out=$(timeout 300 gdb -nx -batch -ex 'target remote 127.0.0.1:1242' -ex continue \
    "$KILN_GUEST/abort.hvt" 2>&1)
printf '%s\n' "$gdb_out" | grep -v "^    '"
wait_hvt "$KILN_TMP/abort.log"
expect_status 255 "Solo5: solo5_abort() called"
output=$gdb_out
expect_text "exited with code 0377"
echo "an abort under gdb is reported to it"

# Writes: a general register (P), an SSE register (the FPU state) and memory (M/X) take
# effect in the vCPU and the guest (read back after a step, which reloads them from
# KVM); then gdb kills the guest: one line, exit 1.
hvt_gdb_bg "$KILN_TMP/kill.log" --gdb --gdb-port=1243 -- "$KILN_GUEST/gdb.hvt"
cat >"$KILN_TMP/cmds" <<'CMDS'
set pagination off
set confirm off
target remote 127.0.0.1:1243
break *gdb_regs_set
continue
set $r12 = 0x77
set $xmm1.v2_int64[0] = 0x55
set var gdb_watched = 123
stepi
print/x $r12
print $xmm1.v2_int64[0]
print gdb_watched
kill
CMDS
gdb_out=$(timeout 300 gdb -nx -batch -x "$KILN_TMP/cmds" "$KILN_GUEST/gdb.hvt" 2>&1)
printf '%s\n' "$gdb_out" | grep -v "^    '"
wait_hvt "$KILN_TMP/kill.log"
expect_status 1
expect_line 'solo5-hvt: gdb: the debugger killed the guest'
output=$gdb_out
expect_line '\$1 = 0x77'
expect_line '\$2 = 85'
expect_line '\$3 = 123'
expect_text 'killed'
echo "register and memory writes hold; kill ends the guest"

# A fatal guest condition under gdb (the guest's own hlt, where no breakpoint is): the
# tender ends as without gdb, and gdb hears the guest was killed.
hvt_gdb_bg "$KILN_TMP/fatal.log" --gdb --gdb-port=1244 -- "$KILN_GUEST/evil_nodev.hvt" hlt
gdb_out=$(timeout 300 gdb -nx -batch -ex 'target remote 127.0.0.1:1244' -ex continue \
    "$KILN_GUEST/evil_nodev.hvt" 2>&1)
printf '%s\n' "$gdb_out"
wait_hvt "$KILN_TMP/fatal.log"
expect_status 1
expect_line 'solo5-hvt: KVM: unhandled exit: exit_reason=0x5 \(HLT\), rip=0x[0-9a-f]+'
output=$gdb_out
expect_text 'Program terminated with signal SIGKILL'
echo "a fatal guest condition reaches gdb as a kill"
