# Helpers every bench script sources: rows with their targets and whether met, medians, paired runs.
# POSIX sh (dash in the VM). Cases find it in $KILN_TOOLS (bench/hvt.sh puts it there,
# since kvm-exec carries that directory into the VM); tests/hvt/lib.sh gives HVT, in_ns...
BENCH_COLS='%-34s %10s %10s %9s  %-8s %s\n'

# bench_header TITLE UNIT [NAME]: a section's title and column names; NAME heads the
# column of the measured side (default hvt).
bench_header() {
    echo
    echo "== $1 ($2)"
    # shellcheck disable=SC2059
    printf "$BENCH_COLS" case "${3:-hvt}" baseline ratio target met
}

# bench_row LABEL VALUE BASE OP TARGET: one row. VALUE and BASE print rounded (one
# decimal from 1 up, three significant digits below), the ratio is the printed VALUE
# over the printed BASE (two decimals from 0.1 up, two significant digits below), and
# met (yes or NO) compares that printed ratio with TARGET by OP (<= or >=): every
# figure of a row agrees with the others as shown.
bench_row() {
    awk -v l="$1" -v v="$2" -v b="$3" -v op="$4" -v t="$5" -v f="$BENCH_COLS" '
        function num(x) { return sprintf(x + 0 >= 1 || x + 0 == 0 ? "%.1f" : "%.3g", x) }
        BEGIN { sv = num(v); sb = num(b)
                if (sb + 0 == 0) { sr = "-"; ok = 0 }
                else { r = (sv + 0) / (sb + 0)
                       sr = sprintf(r >= 0.1 ? "%.2f" : "%.2g", r)
                       ok = op == "<=" ? sr + 0 <= t + 0 : sr + 0 >= t + 0
                       sr = sr "x" }
                printf f, l, sv, sb, sr, op " " t, ok ? "yes" : "NO" }'
}

# bench_value LABEL VALUE OP TARGET: a row with no baseline, its VALUE as given
# compared with TARGET by OP.
bench_value() {
    awk -v l="$1" -v v="$2" -v op="$3" -v t="$4" -v f="$BENCH_COLS" '
        BEGIN { ok = op == "<=" ? v + 0 <= t + 0 : v + 0 >= t + 0
                printf f, l, v, "-", "-", op " " t, ok ? "yes" : "NO" }'
}

# bench_fail LABEL OP TARGET REASON: a row that could not be measured: target not met.
bench_fail() {
    # shellcheck disable=SC2059
    printf "$BENCH_COLS" "$1" failed - - "$2 $3" "NO ($4)"
}

# bench_missed FILE: is there a row in FILE that failed or missed its target?
bench_missed() {
    grep -Eq ' NO( \(.*\))?$' "$1"
}

# blk_size_label BYTES: BYTES as "N KiB" or, from 1 MiB, "N MiB".
blk_size_label() {
    if [ "$1" -ge 1048576 ]; then echo "$(($1 / 1048576)) MiB"; else echo "$(($1 / 1024)) KiB"; fi
}

# median FILE [COLUMN]: the median of a column (default 1) of numbers.
median() {
    awk -v c="${2:-1}" '
        { n++; v[n] = $c + 0 }
        END { for (i = 2; i <= n; i++)
                  for (j = i; j > 1 && v[j - 1] > v[j]; j--) {
                      t = v[j]; v[j] = v[j - 1]; v[j - 1] = t }
              if (n == 0) exit 1
              print n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2 }' "$1"
}

# value FILE KEY: the number after KEY on a "KEY NUMBER" line of FILE.
value() {
    awk -v k="$2" '$1 == k { print $2; exit }' "$1"
}

# pairs RUNS KEY...: RUNS paired runs of the shell functions guest_cmd and host_cmd
# (order alternating), each printing "KEY NUMBER" lines; appends "GUEST HOST" per KEY
# to $KILN_TMP/KEY. Returns 1, with the reason in $KILN_TMP/why, if a run fails.
pairs() {
    runs=$1
    shift
    for k in "$@"; do rm -f "$KILN_TMP/$k"; done
    i=0
    while [ $i -lt "$runs" ]; do
        if [ $((i % 2)) -eq 0 ]; then
            guest_cmd >"$KILN_TMP/g" 2>&1 || { why guest; return 1; }
            host_cmd >"$KILN_TMP/h" 2>&1 || { why host; return 1; }
        else
            host_cmd >"$KILN_TMP/h" 2>&1 || { why host; return 1; }
            guest_cmd >"$KILN_TMP/g" 2>&1 || { why guest; return 1; }
        fi
        for k in "$@"; do
            g=$(value "$KILN_TMP/g" "$k")
            h=$(value "$KILN_TMP/h" "$k")
            [ -n "$g" ] && [ -n "$h" ] || { echo "no $k in a run's output" >"$KILN_TMP/why"; return 1; }
            echo "$g $h" >>"$KILN_TMP/$k"
        done
        i=$((i + 1))
    done
}

# why guest|host: the end of a failed run's output, as one line, in $KILN_TMP/why.
why() {
    f=$KILN_TMP/h
    [ "$1" = host ] || f=$KILN_TMP/g
    echo "$1 run failed: $(tail -n 2 "$f" | tr '\n' ' ' | cut -c 1-100)" >"$KILN_TMP/why"
}

# pair_row LABEL KEY DIV OP TARGET: the row of the pairs of $KILN_TMP/KEY: median guest
# and median host values, each divided by DIV; the ratio is theirs, as printed.
pair_row() {
    f=$KILN_TMP/$2
    bench_row "$1" "$(median "$f" 1 | awk -v d="$3" '{ print $1 / d }')" \
        "$(median "$f" 2 | awk -v d="$3" '{ print $1 / d }')" "$4" "$5"
}

# exec_row LABEL OP TARGET RUNS CMD... -- BASELINE...: bench_exec's paired timings of
# CMD and BASELINE as a row, or a failed row with bench_exec's last words. bench_exec is
# $BENCH_EXEC, else $KILN_TOOLS/bench_exec.
exec_row() {
    l=$1 op=$2 t=$3 n=$4
    shift 4
    if "${BENCH_EXEC:-$KILN_TOOLS/bench_exec}" "$n" "$l" -- "$@" >"$KILN_TMP/exec" 2>&1; then
        # shellcheck disable=SC2046 # the two medians, before the ratio
        set -- $(awk '{ print $(NF - 2), $(NF - 1) }' "$KILN_TMP/exec")
        bench_row "$l" "$1" "$2" "$op" "$t"
    else
        bench_fail "$l" "$op" "$t" "$(tail -n 1 "$KILN_TMP/exec")"
    fi
}

# measure LABEL KEY DIV OP TARGET RUNS: pairs, then the row, or a failed row saying why.
measure() {
    if pairs "$6" "$2"; then
        pair_row "$1" "$2" "$3" "$4" "$5"
    else
        bench_fail "$1" "$4" "$5" "$(cat "$KILN_TMP/why")"
    fi
}

# wrk_stats FILE: from wrk --latency's output, "rps N" (requests/s, if above 0) and
# "p99 N" (the 99th percentile's latency in microseconds, from us, ms or s).
wrk_stats() {
    awk '$1 == "Requests/sec:" && $2 > 0 { print "rps", $2 }
         $1 == "99%" { v = $2; u = $2; sub(/[a-z]+$/, "", v); sub(/^[0-9.]+/, "", u)
                       m = u == "us" ? 1 : u == "ms" ? 1000 : u == "s" ? 1000000 : 0
                       if (m) print "p99", v * m }' "$1"
}
