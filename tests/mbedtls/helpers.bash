# Helpers of the generated mbed TLS suite (tests/mbedtls/gen-bats): one suite's result per target.
MBEDTLS_B=$KILN_TOP/build/tests/mbedtls
MBEDTLS_EXPECTED=$KILN_TOP/tests/mbedtls/expected
# Seconds one suite may run on spt or virtio (QEMU, TCG where there is no KVM).
MBEDTLS_TIMEOUT=${KILN_MBEDTLS_TIMEOUT:-300}

# mbedtls_suite_test TARGET NAME: suite NAME's result on TARGET: run now on spt and virtio,
# read on hvt from the output of the mbedtls hvt case (tests/hvt/cases/mbedtls.sh); its
# counts go to the TAP stream as a comment. Skipped when no case ran, for the reason
# tests/mbedtls/expected gives (tests/mbedtls/run-suite).
mbedtls_suite_test() {
    local target=$1 name=$2 line
    local runner=("$KILN_TOP/tests/mbedtls/run-suite" "$MBEDTLS_EXPECTED" "$name" "$MBEDTLS_TIMEOUT")
    case $target in
    spt) run "${runner[@]}" "$SPT" --mem=64 "$MBEDTLS_B/bin/$name.spt" ;;
    # solo5-virtio-run does not pass the guest's status on: virtio-run reads it.
    virtio) run "${runner[@]}" "$KILN_TOP/tests/libc/virtio-run" "$BIN/solo5-virtio-run" \
        "$MBEDTLS_B/bin/$name.virtio" ;;
    hvt) mbedtls_hvt_result "$name" ;;
    esac
    echo "$output"
    line=$(grep "^mbedtls $name: " <<<"$output" | tail -n 1) || true
    echo "# mbedtls on $target: ${line#mbedtls }" >&3
    [ -z "$line" ] || echo "$target ${line#mbedtls }" >>"$BATS_FILE_TMPDIR/counts"
    [ "$status" -ne 77 ] || skip "$(grep "^skip $name: " <<<"$output" | head -n 1)"
    [ "$status" -eq 0 ]
}

# mbedtls_hvt_result NAME: sets status (0, 77 or 1) and output, suite NAME's lines of the
# mbedtls hvt case's output.
mbedtls_hvt_result() {
    local d verdict
    d=$(hvt_case_results 'mbedtls')
    status=1
    output="no result for $1: the mbedtls hvt case did not run it"
    [ -f "$d/mbedtls.out" ] || { hvt_case mbedtls; return 0; }
    verdict=$(awk -v n="$1" '$1 == "result" && $2 == n { print $3 }' "$d/mbedtls.out")
    [ -n "$verdict" ] || return 0
    output=$(awk -v n="$1" '($2 == n":" && $1 ~ /^(FAIL|expected-fail|skip|mbedtls)$/) ||
        ($1 == "result" && $2 == n)' "$d/mbedtls.out")
    case $verdict in
    ok) status=0 ;;
    skip) status=77 ;;
    esac
}

# mbedtls_suite_totals: the sums of the counts of this file's suites, per target, as TAP comments.
mbedtls_suite_totals() {
    [ -f "$BATS_FILE_TMPDIR/counts" ] || return 0
    awk '{ t = $1; n[t]++; p[t] += $3; f[t] += $5; s[t] += $7 }
        END { for (t in n) printf "# mbedtls on %s, %d suites: %d passed, %d failed, %d skipped\n",
            t, n[t], p[t], f[t], s[t] }' "$BATS_FILE_TMPDIR/counts" | sort >&3
}
