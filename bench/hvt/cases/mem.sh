#!/bin/sh
# The hvt tender's own memory: peak RSS of solo5-hvt whose guest wrote all its memory.
# title: hvt tender memory beyond --mem
# row: <= 4 tender's own RSS, --mem=64
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
    bench_fail "$label" "<=" 4 "the guest did not say held: $(tail -n 1 "$log")"
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
# Every figure below is computed from the two as printed (MiB, two decimals).
H=$(awk -v k="$hwm" 'BEGIN { printf "%.2f", k / 1024 }')
G=$(awk -v k="$guest" 'BEGIN { printf "%.2f", k / 1024 }')
bench_value "$label" "$(awk -v h="$H" -v g="$G" 'BEGIN { printf "%.2f", h - g }')" "<=" 4
echo "(own RSS: peak RSS (VmHWM) $H MiB less guest memory resident $G MiB; the guest"
echo " wrote every page of its heap, then idled; VmHWM - 64 MiB = $(awk -v h="$H" \
    'BEGIN { printf "%.2f", h - 64 }'))"
