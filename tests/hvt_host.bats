#!/usr/bin/env bats
# solo5-hvt on the host, no KVM needed: command line, kernel and ELF checks, unit tests.
load helpers

HVT=$BIN/solo5-hvt

setup() {
    K=$BATS_TEST_TMPDIR/k.hvt
    cp "$GUEST/hello.hvt" "$K"
}

# one_line: the failed run printed exactly one line.
one_line() {
    [ "${#lines[@]}" -eq 1 ] || { echo "want one line, got: $output"; return 1; }
}

@test "hvt host: --version prints version and ABI 2, exits 0" {
    run "$HVT" --version
    expect_status 0 "solo5-hvt tender, version"
    [[ "$output" == *"ABI version 2"* ]]
}

@test "hvt host: --help lists the modules and their options, exits 1" {
    run "$HVT" --help
    expect_status 1 "usage: solo5-hvt"
    [[ "$output" == *"Compiled-in modules: core block net gdb dumpcore trace"* ]]
    [[ "$output" == *"--net:NAME=IFACE"* && "$output" == *"--no-net-ring"* ]]
    [[ "$output" == *"--gdb-port=1234"* && "$output" == *"--gdb=@FD"* ]]
    [[ "$output" == *"--dumpcore=DIR"* ]]
}

@test "hvt host: no KERNEL operand is one line" {
    run "$HVT" --mem=2
    expect_status 1 "solo5-hvt: Missing KERNEL operand"
    one_line
}

@test "hvt host: a KERNEL that cannot be opened names the reason" {
    run "$HVT" /nonexistent.hvt
    expect_status 1 "solo5-hvt: /nonexistent.hvt: Could not open: No such file or directory"
    one_line
}

@test "hvt host: a FIFO as KERNEL is refused at once" {
    mkfifo "$BATS_TEST_TMPDIR/fifo"
    run timeout 10 "$HVT" "$BATS_TEST_TMPDIR/fifo"
    expect_status 1 "is a FIFO"
    one_line
}

@test "hvt host: a file that is not ELF" {
    echo "hello" >"$K"
    run "$HVT" "$K"
    expect_status 1 "solo5-hvt: $K: invalid executable: not an ELF file (bad magic)"
    one_line
}

@test "hvt host: a 32-bit ELF, a foreign machine, a shared object" {
    cp "$K" "$K.1" && patch "$K.1" 4 01
    run "$HVT" "$K.1"
    expect_status 1 "invalid executable: not a 64-bit ELF file"
    cp "$K" "$K.2" && patch "$K.2" 18 b7 00
    run "$HVT" "$K.2"
    expect_status 1 "invalid executable: not an x86_64 executable (e_machine 183)"
    cp "$K" "$K.3" && patch "$K.3" 16 03 00
    run "$HVT" "$K.3"
    expect_status 1 "invalid executable: not a static executable (e_type 3)"
}

@test "hvt host: entry point outside guest memory" {
    patch "$K" 24 00 00 00 00 01 00 00 00
    run "$HVT" --mem=2 "$K"
    expect_status 1 "invalid executable: entry point 0x100000000 is outside guest memory"
    one_line
}

@test "hvt host: a writable and executable segment (W^X)" {
    patch "$K" "$(phdr_field "$K" 1 4)" 07
    run "$HVT" "$K"
    expect_status 1 "invalid executable: segment requests WRITE and EXEC permissions"
}

@test "hvt host: a segment past the end of the file" {
    patch "$K" "$(phdr_field "$K" 1 8)" 00 00 00 10
    run "$HVT" "$K"
    expect_status 1 "invalid executable: file is truncated"
}

@test "hvt host: an image too large for --mem" {
    patch "$K" "$(phdr_field "$K" 1 40)" 00 00 40 00 # p_memsz of text = 4 MiB
    run "$HVT" --mem=2 "$K"
    expect_status 1 "invalid executable: segment does not fit in guest memory"
}

@test "hvt host: an spt binary is refused" {
    run "$HVT" "$GUEST/hello.spt"
    expect_status 1 "Executable is not for the solo5-hvt target"
    one_line
}

@test "hvt host: and an hvt binary is refused by solo5-spt" {
    run "$SPT" "$GUEST/hello.hvt"
    expect_status 1 "Executable is not for the solo5-spt target"
}

@test "hvt host: a binary asking for another ABI version" {
    off=$(note_offset "$K" 31494241)
    patch "$K" $((off + 24)) 03
    run "$HVT" "$K"
    expect_status 1 "$K: Executable requests unsupported ABI version 3"
}

@test "hvt host: a binary with no ABI note" {
    off=$(note_offset "$K" 31494241)
    patch "$K" $((off + 8)) 00
    run "$HVT" "$K"
    expect_status 1 "$K: No Solo5 ABI information found in executable"
}

@test "hvt host: an invalid manifest; no manifest says how to fix it" {
    off=$(note_offset "$K" 3154464d)
    cp "$K" "$K.v" && patch "$K.v" $((off + 24)) 02
    run "$HVT" "$K.v"
    expect_status 1 "$K.v: Solo5 manifest is invalid"
    patch "$K" $((off + 8)) 00
    run "$HVT" "$K"
    expect_status 1 "No Solo5 manifest found in executable"
    [[ "$output" == *"solo5-elftool gen-manifest"* ]]
    one_line
}

@test "hvt host: malformed --mem, --mem with a space, more than 4 GiB" {
    for m in 0 abc -1 12x ""; do
        run "$HVT" --mem=$m "$K"
        expect_status 1 "solo5-hvt: Malformed argument to --mem"
    done
    run "$HVT" --mem 2 "$K"
    expect_status 1 "Malformed option '--mem'"
    one_line
    run "$HVT" --mem=4098 "$K"
    expect_status 1 "exceeds the max size 4096 MB"
}

@test "hvt host: --block:NAME PATH without '=' is a malformed option" {
    run "$HVT" --block:storage /tmp/disk "$GUEST/blk.hvt"
    expect_status 1 "Malformed option '--block:storage'"
    one_line
}

@test "hvt host: an unknown option, an undeclared device" {
    run "$HVT" --frobnicate=1 "$K"
    expect_status 1 "solo5-hvt: Invalid option: '--frobnicate=1'"
    one_line
    run "$HVT" --block:storage=/dev/null "$K"
    expect_status 1 "Resource not declared in manifest: 'storage'"
    one_line
}

@test "hvt host: a path or option value with a newline and an ESC byte is printed escaped" {
    d=$BATS_TEST_TMPDIR/$'a\nb\x1b[31m'
    shown="$BATS_TEST_TMPDIR/a\\x0ab\\x1b[31m"
    mkdir "$d"
    run "$HVT" "$d/k.hvt"
    expect_one_line 1 "solo5-hvt: $shown/k.hvt: Could not open: No such file or directory"
    cp "$K" "$d/k.hvt"
    patch "$d/k.hvt" "$(phdr_field "$K" 1 40)" 00 00 40 00 # p_memsz of text = 4 MiB
    run "$HVT" --mem=2 "$d/k.hvt"
    expect_one_line 1 "solo5-hvt: $shown/k.hvt: invalid executable: segment does not fit"
    run "$HVT" $'--x=\n\x1b' "$d/k.hvt"
    expect_one_line 1 "solo5-hvt: Invalid option: '--x=\\x0a\\x1b'"
    run "$HVT" --block:storage=/x --block:storage=$'/x\n\x1b' "$GUEST/blk.hvt"
    expect_one_line 1 "Invalid option: '--block:storage=/x\\x0a\\x1b'"
}

@test "hvt host: guest command line of 8192 characters is refused" {
    long=$(head -c 8192 /dev/zero | tr '\0' a)
    run "$HVT" "$K" "$long"
    expect_status 1 "Guest command line too long (max=8191 characters)"
}

@test "hvt host: x86_64 CPU unit tests (GDT, page tables, registers, page walk, OUT check)" {
    run "$UNIT/test_hvt_cpu"
    expect_status 0 "PASSED"
}

@test "hvt host: --dumpcore with a missing DIR or one that is not a directory is one line, before KVM" {
    run "$HVT" --dumpcore="$BATS_TEST_TMPDIR/missing" "$K"
    expect_one_line 1 "Could not open core directory: No such file or directory; Invalid option: '--dumpcore=$BATS_TEST_TMPDIR/missing'"
    touch "$BATS_TEST_TMPDIR/file"
    run "$HVT" --dumpcore="$BATS_TEST_TMPDIR/file" "$K"
    expect_one_line 1 "Could not open core directory: Not a directory"
}

@test "hvt host: --describe holds no dumpcore rule: they come only with --dumpcore" {
    run "$HVT" --describe
    expect_status 0 "dumpcore"
    [[ "$output" != *linkat* ]] || { echo "$output"; return 1; }
}

@test "hvt host: gdb stub unit tests (framing, checksums, escapes, commands, replies, x86_64 registers)" {
    run "$UNIT/test_hvt_gdb"
    expect_status 0 "PASSED"
}

@test "hvt host: --gdb options: a bad port, a descriptor that is not a stream socket, a misspelling are one line" {
    run "$HVT" --gdb-port=0 "$K"
    expect_one_line 1 "Port must be 1 to 65535; Invalid option: '--gdb-port=0'"
    run "$HVT" --gdb-port=65536 "$K"
    expect_one_line 1 "Port must be 1 to 65535; Invalid option: '--gdb-port=65536'"
    run "$HVT" --gdb-port=12x "$K"
    expect_one_line 1 "Port must be 1 to 65535; Invalid option: '--gdb-port=12x'"
    run "$HVT" --gdb=@x "$K"
    expect_one_line 1 "Malformed descriptor; Invalid option: '--gdb=@x'"
    run "$HVT" --gdb=@0 "$K" </dev/null
    expect_one_line 1 "Descriptor 0 is not a stream socket; Invalid option: '--gdb=@0'"
    run "$HVT" --gdb=@77 "$K"
    expect_one_line 1 "Descriptor 77 is not a stream socket; Invalid option: '--gdb=@77'"
    run "$HVT" --gdbserver "$K"
    expect_one_line 1 "Malformed option '--gdbserver': expected --NAME=VALUE"
    run "$HVT" --gdb=1234 "$K"
    expect_one_line 1 "Expected --gdb, --gdb=@FD or --gdb-port=N; Invalid option: '--gdb=1234'"
}

@test "hvt host: --describe lists the gdb module, and its sandbox holds no rule of it without --gdb" {
    run "$HVT" --describe
    expect_status 0 "modules: core block net gdb"
    [[ "$output" == *"syscalls: 15 0 1 14 16 17 18 28 60 75 202 228 231 232 281 286"* ]]
}

@test "hvt host: the tender's sandbox, each rule both ways" {
    run "$UNIT/test_hvt_sandbox"
    expect_status 0 "PASSED"
}

# A stand-in for qemu-system-x86_64 in kvm-exec's VM mode: prints two cases' result lines
# on the console as run-cases does, the second only once kvm-exec has printed the first
# (else after 20 s, and as rc 9), then leaves the results on the disk as vm-init does.
fake_qemu() {
    cat >"$1/qemu-system-x86_64" <<'EOS'
#!/bin/sh
for a in "$@"; do case $a in file=*results.img,*) img=${a#file=} img=${img%%,*} ;; esac; done
echo "case one: rc 0, 1 s"
i=0
while [ $i -lt 200 ] && ! grep -q '^case one: rc 0, 1 s$' "$KVM_EXEC_STDOUT"; do
    sleep 0.1
    i=$((i + 1))
done
rc=9
! grep -q '^case one' "$KVM_EXEC_STDOUT" || rc=3
echo "case two: rc $rc, 2 s"
mkdir -p "$img.d"
echo 0 >"$img.d/one.rc"
echo $rc >"$img.d/two.rc"
tar -cf "$img" -C "$img.d" .
EOS
    chmod +x "$1/qemu-system-x86_64"
}

@test "hvt host: kvm-exec prints each case's result line as the VM's console shows it" {
    [ -f "$KILN_TOP/build/kvm/kernel/package" ] || skip "no test VM kernel cached (build/kvm)"
    local t=$BATS_TEST_TMPDIR st=0
    mkdir "$t/bin" "$t/cases"
    fake_qemu "$t/bin"
    echo 'exit 0' >"$t/cases/one.sh"
    echo 'exit 3' >"$t/cases/two.sh"
    export KVM_EXEC_STDOUT=$t/stdout
    PATH=$t/bin:$PATH KILN_KVM_MODE=vm "$KILN_TOP/tests/kvm/kvm-exec" "$t/out" \
        "$t/cases/one.sh" "$t/cases/two.sh" >"$KVM_EXEC_STDOUT" 2>"$t/stderr" || st=$?
    [ "$st" -eq 0 ] || { cat "$t/stderr"; return 1; }
    printf 'case one: rc 0, 1 s\ncase two: rc 3, 2 s\n' | diff - "$KVM_EXEC_STDOUT"
    [ "$(cat "$t/out/two.rc")" = 3 ]
}

@test "hvt host: --trace and --stats options: an empty file, an unknown format, a misspelling are one line" {
    run "$HVT" --trace= "$K"
    expect_one_line 1 "Expected --trace or --trace=FILE; Invalid option: '--trace='"
    run "$HVT" --stats=xml "$K"
    expect_one_line 1 "Expected --trace, --trace=FILE, --stats or --stats=json; Invalid option: '--stats=xml'"
    run "$HVT" --stats= "$K"
    expect_one_line 1 "Expected --trace, --trace=FILE, --stats or --stats=json; Invalid option: '--stats='"
    run "$HVT" --tracefile=x "$K"
    expect_one_line 1 "Expected --trace, --trace=FILE, --stats or --stats=json; Invalid option: '--tracefile=x'"
    run "$HVT" --help
    [[ "$output" == *"--trace[=FILE]"* && "$output" == *"--stats[=json]"* ]]
}
