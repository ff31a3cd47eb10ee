#!/usr/bin/env bats
# --dumpcore on solo5-spt: the core file of an aborting or faulting guest, read by gdb.
load helpers
bats_require_minimum_version 1.5.0 # for "run -N"

setup() {
    D=$(mktemp -d "${BATS_TMPDIR:-/tmp}/kiln-dumpcore.XXXXXX")
}

teardown() {
    rm -rf "$D"
}

# the_core: the one core file in $D, named as the tender printed it.
the_core() {
    local files=("$D"/core.solo5-spt.*)
    [ "${#files[@]}" -eq 1 ] && [ -f "${files[0]}" ] || { echo "cores: ${files[*]}"; return 1; }
    CORE=${files[0]}
    [[ "$output" == *"solo5-spt: dumpcore: dumping guest core to: $CORE"* ]] ||
        { echo "no dumpcore line for $CORE in: $output"; return 1; }
}

# gdb_bt: the backtrace gdb shows for the dumpcore guest's $CORE.
gdb_bt() {
    run timeout 60 gdb -batch -nx "$GUEST/dumpcore.spt" "$CORE" -ex bt
}

@test "dumpcore: core writer unit tests: headers, notes, touched pages (ASan/UBSan)" {
    run "$UNIT/test_core"
    expect_status 0 "PASSED"
}

@test "dumpcore: an abort keeps status 255, prints the core's name and writes it" {
    spt_run --dumpcore="$D" -- "$GUEST/dumpcore.spt" abort
    expect_status 255 "Solo5: solo5_abort() called"
    the_core
    run readelf -h -n -l "$CORE"
    expect_status 0 "CORE (Core file)"
    # OSABI 255, ELFOSABI_STANDALONE (readelf names it "<unknown: ff>").
    [[ "$output" == *"Magic:   7f 45 4c 46 02 01 01 ff "* ]] || { echo "$output"; return 1; }
    [[ "$output" == *"NT_PRSTATUS"* ]] || { echo "$output"; return 1; }
    [[ "$output" == *"NT_FPREGSET"* ]] || { echo "$output"; return 1; }
    [[ "$output" == *"LOAD"* ]] || { echo "$output"; return 1; }
}

@test "dumpcore: gdb's backtrace of an abort names the aborting function and its caller" {
    spt_run --dumpcore="$D" -- "$GUEST/dumpcore.spt" abort
    expect_status 255
    the_core
    gdb_bt
    [[ "$output" == *"dumpcore_abort_here"* ]] || { echo "$output"; return 1; }
    [[ "$output" == *"dumpcore_caller"* ]] || { echo "$output"; return 1; }
    [[ "$output" == *"solo5_app_main"* ]] || { echo "$output"; return 1; }
    run timeout 60 gdb -batch -nx "$GUEST/dumpcore.spt" "$CORE" \
        -ex 'printf "%#llx\n", dumpcore_marker' \
        -ex 'printf "xmm7=%#llx\n", $xmm7.v2_int64[0]' -ex 'info registers mxcsr'
    expect_status 0 "0x6b696c6e636f7265"
    [[ "$output" == *"xmm7=0x1122334455667788"* ]] || { echo "$output"; return 1; }
    [[ "$output" == *"0x1f80"* ]] || { echo "$output"; return 1; }
}

@test "dumpcore: an invalid instruction keeps status 132 (SIGILL) and gdb shows where" {
    spt_run --dumpcore="$D" -- "$GUEST/dumpcore.spt" ill
    expect_status 132
    the_core
    gdb_bt
    [[ "$output" == *"SIGILL"* ]] || { echo "$output"; return 1; }
    [[ "$output" == *"dumpcore_ill_here"* ]] || { echo "$output"; return 1; }
    [[ "$output" == *"dumpcore_caller"* ]] || { echo "$output"; return 1; }
}

@test "dumpcore: a null dereference keeps status 139 (SIGSEGV) and gdb shows where" {
    spt_run --dumpcore="$D" -- "$GUEST/dumpcore.spt" fault
    expect_status 139
    the_core
    gdb_bt
    [[ "$output" == *"SIGSEGV"* ]] || { echo "$output"; return 1; }
    [[ "$output" == *"dumpcore_fault_here"* ]] || { echo "$output"; return 1; }
    [[ "$output" == *"dumpcore_caller"* ]] || { echo "$output"; return 1; }
}

@test "dumpcore: the core holds only touched pages, far less than guest memory" {
    run timeout 60s "$SPT" --mem=256 --dumpcore="$D" -- "$GUEST/dumpcore.spt" abort
    expect_status 255
    the_core
    size=$(stat -c %s "$CORE")
    [ "$size" -gt 4096 ] && [ "$size" -lt $((8 * 1024 * 1024)) ] || { echo "size $size"; return 1; }
}

@test "dumpcore: a guest that exits normally leaves no core file" {
    spt_run --dumpcore="$D" -- "$GUEST/dumpcore.spt" exit
    expect_success
    [[ "$output" != *dumpcore:* ]] || { echo "$output"; return 1; }
    run ls -A "$D"
    [ -z "$output" ] || { echo "left: $output"; return 1; }
    spt_run --dumpcore="$D" -- "$GUEST/syscalls.spt" exit-group
    expect_status 7
    run ls -A "$D"
    [ -z "$output" ] || { echo "left: $output"; return 1; }
}

@test "dumpcore: without --dumpcore an abort and a fault write nothing and keep their status" {
    cd "$D"
    spt_run -- "$GUEST/dumpcore.spt" abort
    expect_status 255
    [[ "$output" != *dumpcore:* ]] || { echo "$output"; return 1; }
    spt_run -- "$GUEST/dumpcore.spt" fault
    expect_status 139
    run ls -A "$D"
    [ -z "$output" ] || { echo "left: $output"; return 1; }
}

@test "dumpcore: a missing DIR or one that is not a directory is one line, exit 1" {
    spt_run --dumpcore="$D/missing" -- "$GUEST/dumpcore.spt" abort
    expect_status 1 "Could not open core directory: No such file or directory"
    [ "${#lines[@]}" -eq 1 ] || { echo "$output"; return 1; }
    touch "$D/file"
    spt_run --dumpcore="$D/file" -- "$GUEST/dumpcore.spt" abort
    expect_status 1 "Could not open core directory: Not a directory"
    [ "${#lines[@]}" -eq 1 ] || { echo "$output"; return 1; }
}

@test "dumpcore: the filter allows exit(255) only with --dumpcore; exit(0), others and changed arguments stay killed" {
    spt_run -- "$GUEST/syscalls.spt" exit-thread-255
    expect_status 159
    spt_run --dumpcore="$D" -- "$GUEST/syscalls.spt" exit-thread-255
    expect_status 255
    [[ "$output" != *ALLOWED* && "$output" != *dumpcore:* ]] || { echo "$output"; return 1; }
    for c in exit-thread getpid openat write-stderr mincore-own linkat-own tgkill-other; do
        spt_run --dumpcore="$D" -- "$GUEST/syscalls.spt" $c
        expect_status 159 || { echo "case $c"; return 1; }
    done
    run ls -A "$D"
    [ -z "$output" ] || { echo "left: $output"; return 1; }
}
