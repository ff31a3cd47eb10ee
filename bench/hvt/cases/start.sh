#!/bin/sh
# hvt start-up: exec to guest exit of a quiet unikernel vs a minimal KVM program (kvm_hlt).
# title: hvt start-up: exec to guest exit, median of paired runs
# row: quiet unikernel, --mem=2
# row: quiet unikernel, --mem=512
. "$(dirname "$0")/../lib.sh"
. "$KILN_TOOLS/benchlib.sh"
if [ "$KILN_HVT_MODE" = vm ]; then RUNS=${BENCH_HVT_START_RUNS:-101}; else RUNS=301; fi
bench_header "hvt start-up: exec to guest exit, median of $RUNS paired runs" microseconds
for mem in 2 512; do
    label="quiet unikernel, --mem=$mem"
    if "$KILN_TOOLS/bench_exec" "$RUNS" "$label" \
        -- "$HVT" --mem=$mem "$KILN_GUEST/quiet.hvt" --solo5:quiet \
        -- "$KILN_TOOLS/kvm_hlt" >"$KILN_TMP/row" 2>&1; then
        # shellcheck disable=SC2046 # the last three fields: times and ratio
        set -- $(awk '{ sub(/x$/, "", $NF); print $(NF - 2), $(NF - 1), $NF }' "$KILN_TMP/row")
        bench_row "$label" "$1" "$2" "$3" "<=" 1.5
    else
        bench_fail "$label" "$(tail -n 1 "$KILN_TMP/row")"
    fi
done
echo "(baseline: bench/kvm_hlt, which opens /dev/kvm, creates a VM with 64 KiB of"
echo " memory and one real-mode vCPU, runs it to its one HLT and exits)"
