#!/bin/sh
# The hvt tender's own memory: peak RSS of solo5-hvt whose guest wrote all its memory.
# title: hvt tender memory beyond --mem
# row: tender's own RSS, --mem=64
. "$(dirname "$0")/../lib.sh"
. "$KILN_TOOLS/benchlib.sh"
label="tender's own RSS, --mem=64"
bench_header "hvt tender memory beyond --mem" MiB
log=$KILN_TMP/memhold.log
"$HVT" --mem=64 "$KILN_GUEST/memhold.hvt" >"$log" 2>&1 </dev/null &
pid=$!
for _ in $(seq 600); do
    grep -q "^held" "$log" && break
    kill -0 $pid 2>/dev/null || break
    sleep 0.1
done
if ! grep -q "^held" "$log"; then
    kill $pid 2>/dev/null
    bench_fail "$label" "the guest did not say held: $(tail -n 1 "$log")"
    exit 0
fi
hwm=$(awk '$1 == "VmHWM:" { print $2 }' /proc/$pid/status)
# Guest memory is the tender's one MAP_NORESERVE mapping ("nr" in VmFlags; mprotect
# splits it into several areas): its resident part is what the guest touched.
guest=$(awk '/^[0-9a-f]+-[0-9a-f]+ / { rss = 0 } $1 == "Rss:" { rss = $2 }
             $1 == "VmFlags:" && / nr( |$)/ { sum += rss } END { print sum + 0 }' \
    /proc/$pid/smaps)
kill $pid
wait $pid 2>/dev/null
awk -v hwm="$hwm" -v g="$guest" -v f="$BENCH_COLS" 'BEGIN {
    own = (hwm - g) / 1024
    printf f, "tender'"'"'s own RSS, --mem=64", sprintf("%.2f", own), "-", "-", "<= 4",
           own <= 4 ? "met" : "NOT met"
    printf "(peak RSS (VmHWM) %.2f MiB, of which guest memory resident %.2f MiB:\n", \
           hwm / 1024, g / 1024
    printf " the guest wrote every page of its heap, then idled; VmHWM - 64 MiB = %.2f)\n", \
           (hwm - 65536) / 1024 }'
