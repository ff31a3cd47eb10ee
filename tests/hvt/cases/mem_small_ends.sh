#!/bin/sh
# Guest memory's first and last 2 MiB are kept off transparent huge pages (MADV_NOHUGEPAGE,
# "nh" in smaps), so a start does not zero 2 MiB at each end for a few KiB of boot data and
# stack; the memory between may still get them (no "nh").
. "$(dirname "$0")/../lib.sh"
log=$KILN_TMP/ends.log
"$HVT" --mem=64 "$KILN_GUEST/evil_nodev.hvt" spin >"$log" 2>&1 </dev/null &
HVT_PID=$!
trap '[ -z "$HVT_PID" ] || kill -9 "$HVT_PID" 2>/dev/null' EXIT
wait_text "$log" "evil: spinning"
# One line per area of the guest memory mapping (MAP_NORESERVE: "nr"): start, end (bytes)
# and whether it has "nh".
awk '/^[0-9a-f]+-[0-9a-f]+ / { split($1, r, "-"); s = r[1]; e = r[2] }
     $1 == "VmFlags:" && / nr( |$)/ { print s, e, (/ nh( |$)/ ? "nh" : "-") }' \
    "/proc/$HVT_PID/smaps" >"$KILN_TMP/areas"
kill -9 "$HVT_PID"
wait "$HVT_PID" 2>/dev/null
HVT_PID=
echo "guest memory areas (start end flag):"
cat "$KILN_TMP/areas"
# Guest memory is 64 MiB: 2 MiB at each end must be "nh", and the 60 MiB between must not.
awk 'function h(x,   n, i) {
         for (i = 1; i <= length(x); i++)
             n = n * 16 + index("0123456789abcdef", substr(x, i, 1)) - 1
         return n }
     { s[NR] = h($1); e[NR] = h($2); f[NR] = $3 }
     END {
         if (NR == 0) { print "no guest memory area found"; exit 1 }
         lo = s[1]; hi = e[NR]; m = 2 * 1048576
         if (hi - lo != 64 * 1048576) { print "guest memory spans", hi - lo; exit 1 }
         for (i = 1; i <= NR; i++) {
             end = e[i] <= lo + m || s[i] >= hi - m
             if (end && f[i] != "nh") {
                 print "an area in the first or last 2 MiB lacks nh"; exit 1 }
             if (!end && f[i] == "nh") { print "an area between the ends has nh"; exit 1 }
             nh += f[i] == "nh" ? e[i] - s[i] : 0
         }
         if (nh != 2 * m) { print "nh covers", nh, "bytes, not 4 MiB"; exit 1 }
     }' "$KILN_TMP/areas" >"$KILN_TMP/why" || fail "$(cat "$KILN_TMP/why")"
