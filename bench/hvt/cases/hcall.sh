#!/bin/sh
# hvt hypercall round trip: WALLTIME calls of a guest vs bare KVM OUT exits (kvm_hlt out N);
# then the trace module's cost: linked in but off vs a tender built without it, and
# --stats on vs off.
# title: hvt hypercall round trip
# row: <= 1.5 WALLTIME hypercall
# row: <= 1.05 WALLTIME, trace module linked, off
# row: <= 1.05 WALLTIME, --stats on
. "$(dirname "$0")/../lib.sh"
. "$KILN_TOOLS/benchlib.sh"
if [ "$KILN_HVT_MODE" = vm ]; then N=20000 RUNS=5; else N=1000000 RUNS=11; fi
bench_header "hvt hypercall round trip, $N calls a run, median of $RUNS paired runs" \
    "ns per call"
# hcall TENDER [OPTION...]: one run of the hcall guest, "ns_per_call N".
hcall() {
    t=$1
    shift
    "$t" --mem=2 "$@" "$KILN_GUEST/hcall.hvt" --solo5:quiet "$N" >"$KILN_TMP/out" \
        2>/dev/null || return 1
    awk '$1 == "calls" { n = $2 } $1 == "ns" { t = $2 }
         END { if (n) print "ns_per_call", t / n; else exit 1 }' "$KILN_TMP/out"
}
guest_cmd() { hcall "$HVT"; }
host_cmd() { "$KILN_TOOLS/kvm_hlt" out "$N"; }
measure "WALLTIME hypercall" ns_per_call 1 "<=" 1.5 "$RUNS"
# the default tender without the trace module
host_cmd() { hcall "$KILN_TOOLS/solo5-hvt-notrace"; }
measure "WALLTIME, trace module linked, off" ns_per_call 1 "<=" 1.05 "$RUNS"
guest_cmd() { hcall "$HVT" --stats; }
host_cmd() { hcall "$HVT"; }
measure "WALLTIME, --stats on" ns_per_call 1 "<=" 1.05 "$RUNS"
echo "(all timed by the guest's TSC around the loop: solo5_clock_wall, a 4-byte OUT"
echo " the tender serves with clock_gettime, vs a 4-byte OUT that kvm_hlt resumes at once;"
echo " baseline of the trace rows: solo5-hvt-configure with block, net, gdb and dumpcore,"
echo " the default tender without trace; then the default without --stats)"
