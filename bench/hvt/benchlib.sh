# Helpers the hvt bench cases source: rows with targets and verdicts, medians, paired runs.
# POSIX sh (dash in the VM). Cases find it in $KILN_TOOLS (bench/hvt.sh puts it there,
# since kvm-exec carries that directory into the VM); tests/hvt/lib.sh gives HVT, in_ns...
BENCH_COLS='%-34s %10s %10s %9s  %-8s %s\n'

# bench_header TITLE UNIT: a section's title and column names.
bench_header() {
    echo
    echo "== $1 ($2)"
    # shellcheck disable=SC2059
    printf "$BENCH_COLS" case hvt baseline ratio target verdict
}

# bench_row LABEL HVT BASE RATIO OP TARGET: one row; OP (<= or >=) compares RATIO with
# TARGET for the verdict. Numbers print with one decimal, the ratio with two.
bench_row() {
    awk -v l="$1" -v h="$2" -v b="$3" -v r="$4" -v op="$5" -v t="$6" -v f="$BENCH_COLS" '
        BEGIN { ok = op == "<=" ? r + 0 <= t + 0 : r + 0 >= t + 0
                printf f, l, sprintf("%.1f", h), sprintf("%.1f", b),
                       sprintf("%.2fx", r), op " " t, ok ? "met" : "NOT met" }'
}

# bench_fail LABEL REASON: a row that could not be measured.
bench_fail() {
    # shellcheck disable=SC2059
    printf "$BENCH_COLS" "$1" failed - - - "($2)"
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
# and host values divided by DIV, median of the per-pair ratios guest/host.
pair_row() {
    f=$KILN_TMP/$2
    awk '{ print $1, $2, ($2 ? $1 / $2 : 0) }' "$f" >"$f.r"
    bench_row "$1" "$(median "$f.r" 1 | awk -v d="$3" '{ print $1 / d }')" \
        "$(median "$f.r" 2 | awk -v d="$3" '{ print $1 / d }')" "$(median "$f.r" 3)" "$4" "$5"
}

# measure LABEL KEY DIV OP TARGET RUNS: pairs, then the row, or a failed row saying why.
measure() {
    if pairs "$6" "$2"; then
        pair_row "$1" "$2" "$3" "$4" "$5"
    else
        bench_fail "$1" "$(cat "$KILN_TMP/why")"
    fi
}
