#!/usr/bin/env bats
# solo5-hvt-configure from an installed Kiln, no KVM needed: which modules each
# unikernel gets, errors, the make fragment, and --report checked against the binaries.
# The specialized tenders run their unikernels in tests/hvt.bats (spec_* cases).
load helpers

setup_file() {
    # Installed, then moved: the tool must need nothing of the source tree or the
    # install path.
    local p=$BATS_FILE_TMPDIR/p
    make -s -C "$KILN_TOP" install PREFIX="$p" >/dev/null
    mv "$p" "$BATS_FILE_TMPDIR/kiln"
}

setup() {
    K=$BATS_FILE_TMPDIR/kiln
    CONF=$K/bin/solo5-hvt-configure
    cd "$BATS_TEST_TMPDIR"
}

one_line() {
    [ "${#lines[@]}" -eq 1 ] || { echo "want one line, got: $output"; return 1; }
}

# modules_of TENDER: the modules line of its --describe.
modules_of() {
    "$1" --describe | sed -n 's/^modules: //p'
}

# describe_count TENDER KEY: the count on the KEY line of its --describe.
describe_count() {
    "$1" --describe | sed -n "s/^$2: \([0-9]*\).*/\1/p"
}

# table_entries TENDER: entries of its hypercall table, from the section's size.
table_entries() {
    local hex
    hex=$(readelf -SW "$1" | awk '$2 == "hvt_hypercalls" { print $6 }')
    [ -n "$hex" ] || { echo 0; return; }
    echo $((0x$hex / 24))
}

# report_row OUTPUT LABEL COLUMN: column 1 (specialized) or 2 (default) of a row; the
# report's columns are 34, 34 and the rest wide, with a space between.
report_row() {
    printf '%s\n' "$1" | awk -v l="$2" -v c="$3" 'index($0, l) == 1 {
        s = c == 1 ? substr($0, 36, 34) : substr($0, 71); sub(/ +$/, "", s); print s }'
}

@test "configure: each unikernel gets exactly the modules its devices need" {
    for g in hello:core net:"core net" blk:"core block" mixed:"core block net"; do
        run "$CONF" -o "t-${g%%:*}" "$GUEST/${g%%:*}.hvt"
        expect_status 0 "wrote t-${g%%:*} (modules: ${g#*:})"
        [ "$(modules_of "./t-${g%%:*}")" = "${g#*:}" ] || { modules_of "./t-${g%%:*}"; return 1; }
        run "./t-${g%%:*}" --help
        [[ "$output" == *"Compiled-in modules: ${g#*:}"* ]] || { echo "$output"; return 1; }
    done
}

@test "configure: a manifest.json works like the binary; the default output is ./solo5-hvt" {
    run "$CONF" "$KILN_TOP/tests/guest/mixed/manifest.json"
    expect_status 0 "wrote ./solo5-hvt (modules: core block net)"
    # The default tender also has the gdb, dumpcore and trace modules, which no device needs.
    run "$CONF" --module=gdb --module=dumpcore --module=trace "$KILN_TOP/tests/guest/mixed/manifest.json"
    expect_status 0 "wrote ./solo5-hvt (modules: core block net gdb dumpcore trace)"
    cmp solo5-hvt "$K/bin/solo5-hvt"
    run "$CONF" -o net "$KILN_TOP/tests/guest/net/manifest.json"
    [ "$(modules_of ./net)" = "core net" ]
}

@test "configure: --module adds a module; an unknown one is one line, exit 1" {
    run "$CONF" --module=net -o t "$GUEST/hello.hvt"
    expect_status 0
    [ "$(modules_of ./t)" = "core net" ]
    run "$CONF" --module=gdb -o t3 "$GUEST/hello.hvt"
    expect_status 0
    [ "$(modules_of ./t3)" = "core gdb" ]
    run "$CONF" --module=dumpcore -o t4 "$GUEST/hello.hvt"
    expect_status 0
    [ "$(modules_of ./t4)" = "core dumpcore" ]
    run ./t4 --help
    [[ "$output" == *"--dumpcore=DIR"* ]] || { echo "$output"; return 1; }
    run "$CONF" --module=trace -o t5 "$GUEST/hello.hvt"
    expect_status 0
    [ "$(modules_of ./t5)" = "core trace" ]
    run ./t5 --help
    [[ "$output" == *"--trace[=FILE]"* && "$output" == *"--stats[=json]"* ]] || { echo "$output"; return 1; }
    run "$CONF" --module=nosuch -o t2 "$GUEST/hello.hvt"
    expect_status 1 "solo5-hvt-configure: no module 'nosuch' in this Kiln (modules: block net gdb dumpcore trace)"
    one_line
    [ ! -e t2 ]
}

# refused TENDER OPTION NAME MODULE: TENDER refuses OPTION (with hello.hvt, which needs
# no module) with exit 1 and the one line naming MODULE.
refused() {
    run "$1" "$2" "$GUEST/hello.hvt"
    expect_status 1
    one_line
    [ "$output" = "solo5-hvt: $3 needs the $4 module, which this tender was built without (solo5-hvt-configure --module=$4)" ] ||
        { echo "$2: $output"; return 1; }
}

@test "configure: a tender without gdb refuses --gdb, --gdb-port, --gdb=@FD with one line naming the module" {
    run "$CONF" -o t "$GUEST/hello.hvt"
    expect_status 0 "(modules: core)"
    refused ./t --gdb --gdb gdb
    refused ./t --gdb-port=1234 --gdb-port gdb
    refused ./t --gdb=@3 --gdb gdb
    refused ./t --dumpcore=/tmp --dumpcore dumpcore
    refused ./t --trace --trace trace
    refused ./t --trace=/tmp/x --trace trace
    refused ./t --stats --stats trace
    refused ./t --stats=json --stats trace
    # Not an option of any module: the error it always was.
    run ./t --gdbx "$GUEST/hello.hvt"
    expect_status 1 "solo5-hvt: Malformed option '--gdbx': expected --NAME=VALUE"
    # With a net device but without block or gdb: those modules' options alike.
    run "$CONF" -o tn "$GUEST/net.hvt"
    expect_status 0 "(modules: core net)"
    refused ./tn --gdb --gdb gdb
    refused ./tn --block:storage=/dev/null --block block
    refused ./tn --block-sector-size:storage=4096 --block-sector-size block
}

@test "configure: a tender without net or block refuses those modules' options alike" {
    run "$CONF" -o t "$GUEST/hello.hvt"
    expect_status 0
    refused ./t --net:service0=tap0 --net net
    refused ./t --net-mac:service0=02:00:00:00:00:01 --net-mac net
    refused ./t --no-net-ring --no-net-ring net
    refused ./t --block:storage=disk.img --block block
    refused ./t --block-sector-size:storage=4096 --block-sector-size block
}

@test "configure: --module=gdb adds gdb, whose options then reach its own parser" {
    run "$CONF" --module=gdb -o t "$GUEST/hello.hvt"
    expect_status 0 "wrote t (modules: core gdb)"
    for tender in ./t "$K/bin/solo5-hvt"; do
        run "$tender" --gdb-port=0 "$GUEST/hello.hvt"
        expect_status 1
        one_line
        [ "$output" = "solo5-hvt: Port must be 1 to 65535; Invalid option: '--gdb-port=0'" ] ||
            { echo "$tender: $output"; return 1; }
        run "$tender" --gdb=@0 "$GUEST/hello.hvt" </dev/null
        expect_status 1
        one_line
        [ "$output" = "solo5-hvt: Descriptor 0 is not a stream socket; Invalid option: '--gdb=@0'" ] ||
            { echo "$tender: $output"; return 1; }
        run "$tender" --gdb-foo=1 "$GUEST/hello.hvt"
        expect_status 1 "solo5-hvt: Expected --gdb, --gdb=@FD or --gdb-port=N; Invalid option: '--gdb-foo=1'"
    done
}

@test "configure: bad inputs are one line and exit 1, bad command lines exit 2" {
    run "$CONF" -o t "$GUEST/hello.spt"
    expect_status 1 "not an hvt unikernel (ABI target 'spt')"
    one_line
    run "$CONF" -o t /nonexistent.hvt
    expect_status 1 "solo5-hvt-configure: /nonexistent.hvt: No such file"
    one_line
    printf '{"type": "solo5.manifest", "version": 1, "devices": [{"name": "x", "type": "DISK"}]}' >bad.json
    run "$CONF" -o t bad.json
    expect_status 1
    one_line
    head -c 64 /dev/urandom >junk
    run "$CONF" -o t junk
    expect_status 1
    one_line
    [ ! -e t ]
    run "$CONF"
    expect_status 2 "usage: solo5-hvt-configure"
    run "$CONF" --frobnicate "$GUEST/hello.hvt"
    expect_status 2 "unknown option: --frobnicate"
    run "$CONF" "$GUEST/hello.hvt" "$GUEST/net.hvt"
    expect_status 2 "usage:"
}

@test "configure: a FIFO or a device is refused at once, one line, as the tenders refuse them" {
    mkfifo fifo
    run timeout 10s "$CONF" -o t fifo
    expect_status 1 "solo5-hvt-configure: fifo: is a FIFO"
    one_line
    run timeout 10s "$CONF" -o t /dev/zero
    expect_status 1 "solo5-hvt-configure: /dev/zero: not a regular file"
    one_line
    run timeout 10s "$CONF" --report fifo
    expect_status 1 "solo5-hvt-configure: fifo: is a FIFO"
    one_line
    [ ! -e t ]
}

@test "configure: a path or option value with a newline and an ESC byte is printed escaped" {
    d=$'a\nb\x1b[31m'
    mkdir "$d"
    run "$CONF" -o t "$d/none.hvt"
    expect_status 1 "solo5-hvt-configure: a\\x0ab\\x1b[31m/none.hvt: No such file or directory"
    one_line
    cp "$GUEST/hello.spt" "$d/k"
    run "$CONF" -o t "$d/k"
    expect_status 1 "solo5-hvt-configure: a\\x0ab\\x1b[31m/k: not an hvt unikernel"
    one_line
    run "$CONF" --module=$'x\x1b[2J' -o t "$GUEST/hello.hvt"
    expect_status 1 "no module 'x\\x1b[2J' in this Kiln"
    one_line
    run "$CONF" -o "$d/no/t" "$GUEST/hello.hvt"
    expect_status 1 "solo5-hvt-configure: cannot write a\\x0ab\\x1b[31m/no/t"
    one_line
    run "$CONF" $'--x\n\x1b' "$GUEST/hello.hvt"
    expect_status 2 "unknown option: --x\\x0a\\x1b"
    [ "${lines[0]}" = "solo5-hvt-configure: unknown option: --x\\x0a\\x1b" ]
}

@test "configure: a specialized tender refuses, before any KVM, a unikernel needing a missing module" {
    "$CONF" -o t "$GUEST/hello.hvt"
    run ./t --net:service0=tap0 -- "$GUEST/net.hvt"
    expect_status 1 "solo5-hvt: $GUEST/net.hvt: Device 'service0' of type NET_BASIC needs module 'net', which this tender was built without"
    one_line
    run ./t --block:storage=x "$GUEST/hello.hvt"
    expect_status 1 "solo5-hvt: --block needs the block module, which this tender was built without (solo5-hvt-configure --module=block)"
    one_line
}

@test "configure: the default solo5-hvt holds every module, its table every hypercall" {
    [ "$(modules_of "$K/bin/solo5-hvt")" = "core block net gdb dumpcore trace" ]
    [ "$(table_entries "$K/bin/solo5-hvt")" -eq 9 ]
    [ "$(describe_count "$K/bin/solo5-hvt" hypercalls)" -eq 9 ]
}

@test "configure --report: the numbers are the binaries' own, console-only is smaller" {
    run "$CONF" --report "$GUEST/hello.hvt"
    expect_status 0 "report for $GUEST/hello.hvt (devices: none)"
    r=$output
    "$CONF" -o c "$GUEST/hello.hvt"
    d=$K/bin/solo5-hvt
    [ "$(report_row "$r" modules 1)" = core ]
    [ "$(report_row "$r" modules 2)" = "core block net gdb dumpcore trace" ]
    # Hypercalls: the entries of each binary's hvt_hypercalls section.
    [ "$(report_row "$r" "hypercalls reachable" 1)" -eq "$(table_entries c)" ]
    [ "$(report_row "$r" "hypercalls reachable" 2)" -eq "$(table_entries "$d")" ]
    [ "$(table_entries c)" -eq 4 ]
    # Syscalls: what each tender's rule functions put in its allowlist (tests/hvt.bats
    # compares that with the filter a running tender has installed).
    [ "$(report_row "$r" "system calls in allowlist" 1)" -eq "$(describe_count ./c syscalls)" ]
    [ "$(report_row "$r" "system calls in allowlist" 2)" -eq "$(describe_count "$d" syscalls)" ]
    # Sizes: the link is deterministic, so the report's tender is byte for byte c.
    [ "$(report_row "$r" "binary size (bytes)" 1)" -eq "$(wc -c <c)" ]
    [ "$(report_row "$r" "binary size (bytes)" 2)" -eq "$(wc -c <"$d")" ]
    for row in "hypercalls reachable" "system calls in allowlist" "binary size (bytes)" \
        "tender source lines linked in"; do
        [ "$(report_row "$r" "$row" 1)" -lt "$(report_row "$r" "$row" 2)" ] ||
            { echo "$row is not smaller: $r"; return 1; }
    done
    [[ "$r" == *"hypercalls, default only: BLOCK_WRITE BLOCK_READ NET_WRITE NET_READ"* ]]
    [[ "$r" == *"system calls, default only: read "*pread64*pwrite64*futex* ]]
}

@test "configure --report: source lines differ by exactly the device code left out" {
    run "$CONF" --report "$GUEST/hello.hvt"
    expect_status 0
    cd "$KILN_TOP"
    left_out=$(bench/sloc.sh tenders/hvt/hvt_module_*.[ch] tenders/common/common_dev_block.c \
        tenders/common/common_dev_net.c tenders/common/common_block.c \
        tenders/common/common_dev_block_offer.c \
        tenders/common/common_tap.c tenders/common/common_dev.c \
        tenders/common/common_mft_name.c tenders/common/common_opt_hex.c \
        tenders/common/common_module.c tenders/common/common_sandbox_range.c \
        tenders/common/common_module.h \
        tenders/common/common_core.c tenders/common/common_core_x86_64.c \
        tenders/common/common_dev.h tenders/common/common_core.h)
    s=$(report_row "$output" "tender source lines linked in" 1)
    d=$(report_row "$output" "tender source lines linked in" 2)
    [ $((d - s)) -eq "$left_out" ] || { echo "$d - $s != $left_out"; return 1; }
}

@test "configure --report: a unikernel with every device, gdb, dumpcore and trace, gets the default tender's numbers" {
    run "$CONF" --report --module=gdb --module=dumpcore --module=trace "$GUEST/mixed.hvt"
    expect_status 0
    for row in modules "hypercalls reachable" "system calls in allowlist" \
        "binary size (bytes)" "tender source lines linked in"; do
        [ "$(report_row "$output" "$row" 1)" = "$(report_row "$output" "$row" 2)" ] ||
            { echo "$row differs: $output"; return 1; }
    done
}

@test "configure --makefile: a clean unikernel build makes its tender with the fragment" {
    run "$CONF" --makefile
    expect_status 0
    [ -f Makefile.solo5-hvt ]
    "$CONF" --makefile -o frag.mk
    cmp Makefile.solo5-hvt frag.mk
    cp -R "$KILN_TOP/examples/hello" app
    mv Makefile.solo5-hvt app/
    run make -C app TOOLCHAIN="$K/bin" hello.hvt solo5-hvt-hello
    expect_status 0
    [ "$(modules_of app/solo5-hvt-hello)" = core ]
    # One variable names extra modules.
    rm app/solo5-hvt-hello
    run make -C app TOOLCHAIN="$K/bin" SOLO5_HVT_MODULES=net solo5-hvt-hello
    expect_status 0
    [ "$(modules_of app/solo5-hvt-hello)" = "core net" ]
}
