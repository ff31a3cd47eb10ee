#!/usr/bin/env bats
# make bench's rows: each shows its target and whether it was met, its ratio that of its figures.
load helpers

setup() {
    . "$KILN_TOP/bench/hvt/benchlib.sh"
}

# fields ROW: the row's last five fields (value, baseline, ratio, op, target) then met.
fields() {
    echo "$1" | awk '{ print $(NF - 5), $(NF - 4), $(NF - 3), $(NF - 2), $(NF - 1), $NF }'
}

@test "bench: a row's ratio is its printed figures' and met follows the printed ratio" {
    # 1.26 and 1.04 print as 1.3 and 1.0: the ratio shown is 1.30x, not 1.21x
    run bench_row "case a" 1.26 1.04 "<=" 1.25
    [ "$status" -eq 0 ]
    [ "$(fields "$output")" = "1.3 1.0 1.30x <= 1.25 NO" ] || { echo "$output"; return 1; }
    # exactly on target, as printed: met
    run bench_row "case b" 120.04 100 "<=" 1.2
    [ "$(fields "$output")" = "120.0 100.0 1.20x <= 1.2 yes" ] || { echo "$output"; return 1; }
    # small figures keep three significant digits, small ratios two
    run bench_row "case c" 0.93912 120.7 ">=" 0.002
    [ "$(fields "$output")" = "0.939 120.7 0.0078x >= 0.002 yes" ] || { echo "$output"; return 1; }
    run bench_row "case d" 5 0 ">=" 1
    [ "$(fields "$output")" = "5.0 0.0 - >= 1 NO" ] || { echo "$output"; return 1; }
}

@test "bench: a row that could not be measured shows its target, not met" {
    run bench_fail "case e" ">=" 0.8 "guest run failed"
    [[ "$output" == "case e "*" failed "*" >= 0.8 "*" NO (guest run failed)" ]] ||
        { echo "$output"; return 1; }
    bench_fail "case e" ">=" 0.8 why >"$BATS_TEST_TMPDIR/rows"
    bench_missed "$BATS_TEST_TMPDIR/rows"
    bench_row "case f" 1 1 "<=" 1 >"$BATS_TEST_TMPDIR/rows"
    ! bench_missed "$BATS_TEST_TMPDIR/rows"
    bench_value "case g" 3 "<=" 2 >>"$BATS_TEST_TMPDIR/rows"
    bench_missed "$BATS_TEST_TMPDIR/rows"
}

@test "bench: bench_exec's ratio is that of the medians it prints" {
    make -C "$KILN_TOP" --no-print-directory build/bench/bench_exec >/dev/null
    run "$KILN_TOP/build/bench/bench_exec" 5 "sleeps" -- /bin/sleep 0.02 -- /bin/sleep 0.01
    [ "$status" -eq 0 ] || { echo "$output"; return 1; }
    set -- $(echo "$output" | awk '{ sub(/x$/, "", $NF); print $(NF - 2), $(NF - 1), $NF }')
    [ "$(awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }')" = "$3" ] ||
        { echo "$output"; return 1; }
    # and exec_row turns it into a row with its target
    KILN_TMP=$BATS_TEST_TMPDIR BENCH_EXEC=$KILN_TOP/build/bench/bench_exec \
        run exec_row "sleeps" ">=" 1.2 3 /bin/sleep 0.05 -- /bin/sleep 0.01
    [ "$(echo "$output" | awk '{ print $NF }')" = yes ] || { echo "$output"; return 1; }
    KILN_TMP=$BATS_TEST_TMPDIR BENCH_EXEC=$KILN_TOP/build/bench/bench_exec \
        run exec_row "fails" "<=" 1 3 /bin/false -- /bin/true
    [[ "$output" == "fails "*" failed "*"<= 1 "*"NO (bench_exec: a command failed)" ]] ||
        { echo "$output"; return 1; }
}

@test "bench: wrk's requests/s and p99 latency, in microseconds from any unit" {
    printf '%s\n' "Running 5s test @ http://10.0.0.2/" "  Latency Distribution" \
        "     50%  420.00us" "     99%    2.50ms" "Requests/sec:  31234.56" \
        "Transfer/sec:      8.70MB" >"$BATS_TEST_TMPDIR/wrk"
    [ "$(wrk_stats "$BATS_TEST_TMPDIR/wrk" | tr '\n' ' ')" = "p99 2500 rps 31234.56 " ] ||
        { wrk_stats "$BATS_TEST_TMPDIR/wrk"; return 1; }
    sed -i 's/2.50ms/812.3us/' "$BATS_TEST_TMPDIR/wrk"
    [ "$(wrk_stats "$BATS_TEST_TMPDIR/wrk" | grep p99)" = "p99 812.3" ]
    sed -i 's/812.3us/1.20s/; s/31234.56/0.00/' "$BATS_TEST_TMPDIR/wrk"
    # no requests served: no rps line, so benchlib's pairs fails the row
    [ "$(wrk_stats "$BATS_TEST_TMPDIR/wrk" | tr '\n' ' ')" = "p99 1200000 " ] ||
        { wrk_stats "$BATS_TEST_TMPDIR/wrk"; return 1; }
}

@test "bench: bench/hvt.sh runs every hvt case, each with a title and rows it can fail" {
    # bench/hvt.sh prints a case's "# row:" lines as failed rows when the case leaves no
    # result: each needs an operator, a target and a label
    cases=$(sed -n 's/^for c in \(.*\); do CASES=.*/\1/p' "$KILN_TOP/bench/hvt.sh")
    [ -n "$cases" ] || { echo "no CASES list in bench/hvt.sh"; return 1; }
    for f in "$KILN_TOP"/bench/hvt/cases/*.sh; do
        n=$(basename "$f" .sh)
        [[ " $cases " == *" $n "* ]] || { echo "$n is not in bench/hvt.sh's CASES"; return 1; }
        grep -q '^# title: ..*' "$f" || { echo "$n: no '# title:' line"; return 1; }
        rows=$(grep -c '^# row: ' "$f") || { echo "$n: no '# row:' line"; return 1; }
        bad=$(grep '^# row: ' "$f" | grep -Ev '^# row: (<=|>=) [0-9]+(\.[0-9]+)? [^ ].*$') &&
            { echo "$n: malformed: $bad"; return 1; }
        [ "$rows" -gt 0 ]
    done
    for n in $cases; do
        [ -f "$KILN_TOP/bench/hvt/cases/$n.sh" ] || { echo "no case file for $n"; return 1; }
    done
}

@test "bench: mbedtls.sh measures AES-GCM and SHA-256 on spt and Linux, rows with targets" {
    make -C "$KILN_TOP" --no-print-directory build/bench/mbedtls/benchmark.spt \
        build/bench/mbedtls/benchmark_linux >/dev/null
    BENCH_TLS_RUNS=1 run "$KILN_TOP/bench/mbedtls.sh"
    [ "$status" -eq 0 ] || { echo "$output"; return 1; }
    for k in AES-GCM-128 AES-GCM-256 SHA-256; do
        row=$(echo "$output" | grep "^$k ") || { echo "no $k row in: $output"; return 1; }
        # both sides measured (MiB/s above 0), the ratio theirs, the issue's target
        set -- $(fields "$row")
        awk -v g="$1" -v h="$2" 'BEGIN { exit !(g > 0 && h > 0) }' || { echo "$row"; return 1; }
        [ "$3" = "$(awk -v g="$1" -v h="$2" 'BEGIN { printf "%.2fx", g / h }')" ] ||
            { echo "$row"; return 1; }
        [ "$4 $5" = ">= 0.95" ] && [[ "$6" == yes || "$6" == NO ]] || { echo "$row"; return 1; }
    done
    # a side that does not run gives failed rows, not figures
    BENCH_TLS_RUNS=1 BENCH_TLS_GUEST=/nonexistent.spt run "$KILN_TOP/bench/mbedtls.sh"
    [ "$(echo "$output" | grep -c ' failed .* >= 0.95 .*NO (guest run failed')" -eq 3 ] ||
        { echo "$output"; return 1; }
}

@test "bench: https.sh measures handshakes/s and HTTPS requests/s on spt and Linux, rows with targets" {
    make -C "$KILN_TOP" --no-print-directory build/examples/https/.built \
        build/bench/https/https.linux >/dev/null
    BENCH_HTTPS_RUNS=1 BENCH_HTTPS_SECONDS=2 BENCH_WRK_CONNS=4 run "$KILN_TOP/bench/https.sh"
    for k in "spt: TLS handshakes/s" "spt: HTTPS requests/s"; do
        row=$(echo "$output" | grep "^$k ") || { echo "no $k row in: $output"; return 1; }
        # both sides measured (rates above 0), the ratio theirs, the issue's target
        set -- $(fields "$row")
        awk -v g="$1" -v h="$2" 'BEGIN { exit !(g > 0 && h > 0) }' || { echo "$row"; return 1; }
        [ "$3" = "$(awk -v g="$1" -v h="$2" 'BEGIN { printf "%.2fx", g / h }')" ] ||
            { echo "$row"; return 1; }
        [ "$4 $5" = ">= 0.8" ] && [[ "$6" == yes || "$6" == NO ]] || { echo "$row"; return 1; }
    done
    # the exit status follows the rows: 0 only if both met their target
    if echo "$output" | grep -q ' NO$'; then [ "$status" -eq 1 ]; else [ "$status" -eq 0 ]; fi
    # a side that does not serve gives failed rows, not figures
    BENCH_HTTPS_RUNS=1 BENCH_HTTPS_HOST=/nonexistent run "$KILN_TOP/bench/https.sh"
    [ "$status" -eq 1 ]
    [ "$(echo "$output" | grep -c ' failed .* >= 0.8 .*NO (no Linux build')" -eq 2 ] ||
        { echo "$output"; return 1; }
}

@test "bench: ocaml.sh measures OCaml workloads on spt and natively, and OCaml's start-up, rows with targets" {
    make -C "$KILN_TOP" --no-print-directory build/bench/bench_exec \
        build/bench/guest/startup.spt $(for n in binarytrees strings startup; do
            echo build/bench/ocaml/$n.spt build/bench/ocaml/$n.native; done) >/dev/null
    BENCH_OCAML_RUNS=1 BENCH_OCAML_START_RUNS=3 BENCH_OCAML_DEPTH=10 BENCH_OCAML_ROUNDS=5 \
        run "$KILN_TOP/bench/ocaml.sh"
    for k in "binary trees, depth 10" "strings, 5 rounds" "OCaml unikernel, program empty"; do
        row=$(echo "$output" | grep "^$k ") || { echo "no $k row in: $output"; return 1; }
        # both sides measured (above 0), the ratio theirs, the target
        set -- $(fields "$row")
        awk -v g="$1" -v h="$2" 'BEGIN { exit !(g > 0 && h > 0) }' || { echo "$row"; return 1; }
        [ "$3" = "$(awk -v g="$1" -v h="$2" 'BEGIN { printf "%.2fx", g / h }')" ] ||
            { echo "$row"; return 1; }
        case $k in
        OCaml*) [ "$4 $5" = "<= 1.5" ] ;;
        *) [ "$4 $5" = ">= 0.95" ] ;;
        esac || { echo "$row"; return 1; }
        [[ "$6" == yes || "$6" == NO ]] || { echo "$row"; return 1; }
    done
    # the exit status follows the rows: 0 only if all met their target
    if echo "$output" | grep -q ' NO$'; then [ "$status" -eq 1 ]; else [ "$status" -eq 0 ]; fi
    # programs that do not run give failed rows, not figures, and status 1
    BENCH_OCAML_DIR=/nonexistent BENCH_OCAML_START_RUNS=1 run "$KILN_TOP/bench/ocaml.sh"
    [ "$status" -eq 1 ]
    [ "$(echo "$output" | grep -c ' failed .* >= 0.95 .*NO (unikernel: ')" -eq 2 ] ||
        { echo "$output"; return 1; }
    [ "$(echo "$output" | grep -c ' failed .* <= 1.5 .*NO (bench_exec: a command failed)')" -eq 1 ] ||
        { echo "$output"; return 1; }
}
