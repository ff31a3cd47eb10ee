# Helpers of the generated picolibc suite (tests/libc/gen-bats): one test's result per target.

# libc_suite_setup_file: the hvt results come from the one run of the hvt cases.
libc_suite_setup_file() {
    hvt_setup_file
}

# libc_suite_test TARGET NAME: spt and virtio (QEMU) run the test now; hvt reads its line from the
# libc_picolibc case's output (run in the VM with the other hvt cases).
libc_suite_test() {
    local target=$1 name=$2 line
    local run_one=("$KILN_TOP/tests/libc/run-tests" -1 "$name" "$KILN_TOP/tests/libc/expected"
        "$KILN_TOP/build/tests/libc/$target")
    case $target in
    spt) run "${run_one[@]}" "$SPT" --mem=64 ;;
    # solo5-virtio-run does not pass the guest's status on: virtio-run reads it.
    virtio) run "${run_one[@]}" "$KILN_TOP/tests/libc/virtio-run" "$BIN/solo5-virtio-run" ;;
    hvt)
        status=1
        output="no result for $name: the libc_picolibc hvt case did not run it"
        line=$(grep -E "^(ok|FAIL|skip|not-built) $name( |:|\$)" \
            "$KILN_HVT_RESULTS/libc_picolibc.out" 2>/dev/null) && {
            output=$line
            case $line in
            ok*) status=0 ;;
            skip* | not-built*) status=77 ;;
            esac
        }
        ;;
    esac
    echo "$output"
    line=${output%%$'\n'*}
    [ "$status" -ne 77 ] || skip "${line#skip }"
    [ "$status" -eq 0 ]
}
