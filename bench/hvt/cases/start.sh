#!/bin/sh
# hvt start-up: exec to guest exit of a quiet unikernel (bench/guest/quiet: main returns at
# once, one HALT) vs a minimal KVM program (kvm_hlt, one HLT).
# title: hvt start-up: exec to guest exit, median of paired runs
# row: <= 1.05 quiet unikernel, --mem=2
# row: <= 1.05 quiet unikernel, --mem=512
. "$(dirname "$0")/../lib.sh"
. "$KILN_TOOLS/benchlib.sh"
if [ "$KILN_HVT_MODE" = vm ]; then RUNS=${BENCH_HVT_START_RUNS:-101}; else RUNS=301; fi
bench_header "hvt start-up: exec to guest exit, median of $RUNS paired runs" microseconds
for mem in 2 512; do
    exec_row "quiet unikernel, --mem=$mem" "<=" 1.05 "$RUNS" \
        "$HVT" --mem=$mem "$KILN_GUEST/quiet.hvt" --solo5:quiet -- "$KILN_TOOLS/kvm_hlt"
done
echo "(baseline: bench/kvm_hlt, which opens /dev/kvm, creates a VM with 64 KiB of"
echo " memory and one real-mode vCPU, runs it to its one HLT and exits)"
# The method's own resolution: the baseline timed against itself the same way.
if "$KILN_TOOLS/bench_exec" "$RUNS" self -- "$KILN_TOOLS/kvm_hlt" -- "$KILN_TOOLS/kvm_hlt" \
    >"$KILN_TMP/self" 2>&1; then
    echo "(the same method, kvm_hlt against itself: $(awk '{ print $NF }' "$KILN_TMP/self");"
    echo " a ratio this far from 1.00x is within the method's noise)"
else
    echo "(kvm_hlt against itself failed: $(tail -n 1 "$KILN_TMP/self"))"
fi
