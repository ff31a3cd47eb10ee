#!/bin/sh
# hvt hypercall round trip: WALLTIME calls of a guest vs bare KVM OUT exits (kvm_hlt out N).
# title: hvt hypercall round trip
# row: <= 1.5 WALLTIME hypercall
. "$(dirname "$0")/../lib.sh"
. "$KILN_TOOLS/benchlib.sh"
if [ "$KILN_HVT_MODE" = vm ]; then N=20000 RUNS=5; else N=1000000 RUNS=11; fi
bench_header "hvt hypercall round trip, $N calls a run, median of $RUNS paired runs" \
    "ns per call"
guest_cmd() {
    "$HVT" --mem=2 "$KILN_GUEST/hcall.hvt" --solo5:quiet "$N" >"$KILN_TMP/out" || return 1
    awk '$1 == "calls" { n = $2 } $1 == "ns" { t = $2 }
         END { if (n) print "ns_per_call", t / n; else exit 1 }' "$KILN_TMP/out"
}
host_cmd() { "$KILN_TOOLS/kvm_hlt" out "$N"; }
measure "WALLTIME hypercall" ns_per_call 1 "<=" 1.5 "$RUNS"
echo "(both timed by the guest's TSC around the loop: solo5_clock_wall, a 4-byte OUT"
echo " the tender serves with clock_gettime, vs a 4-byte OUT that kvm_hlt resumes at once)"
