#!/usr/bin/env bats
# solo5-spt command line, kernel checks and loader errors, on real unikernel binaries.
load helpers

setup() {
    K=$BATS_TEST_TMPDIR/k.spt
    cp "$GUEST/hello.spt" "$K"
}

@test "spt: --version prints version and ABI, exits 0" {
    run "$SPT" --version
    expect_status 0 "solo5-spt tender, version"
    [[ "$output" == *"ABI version 2"* ]]
}

@test "spt: --help prints usage and modules, exits 1" {
    run "$SPT" --help
    expect_status 1 "usage: solo5-spt"
    [[ "$output" == *"Compiled-in modules: core block net"* ]]
    [[ "$output" == *"--block:NAME=PATH"* ]]
}

@test "spt: no KERNEL operand" {
    run "$SPT" --mem=2
    expect_status 1 "solo5-spt: Missing KERNEL operand"
}

@test "spt: KERNEL that cannot be opened" {
    run "$SPT" /nonexistent.spt
    expect_status 1 "solo5-spt: /nonexistent.spt: Could not open"
}

@test "spt: a file that is not ELF" {
    echo "hello" >"$K"
    run "$SPT" "$K"
    expect_status 1 "solo5-spt: $K: invalid executable: not an ELF file (bad magic)"
    [ "${#lines[@]}" -eq 1 ]
}

@test "spt: an empty file" {
    : >"$K"
    run "$SPT" "$K"
    expect_status 1 "solo5-spt: $K: invalid executable: file is truncated"
}

@test "spt: a 32-bit ELF" {
    patch "$K" 4 01
    run "$SPT" "$K"
    expect_status 1 "invalid executable: not a 64-bit ELF file"
}

@test "spt: a non-x86_64 ELF" {
    patch "$K" 18 b7 00
    run "$SPT" "$K"
    expect_status 1 "invalid executable: not an x86_64 executable (e_machine 183)"
}

@test "spt: a shared object, not an executable" {
    patch "$K" 16 03 00
    run "$SPT" "$K"
    expect_status 1 "invalid executable: not a static executable (e_type 3)"
}

@test "spt: entry point outside the image" {
    patch "$K" 24 00 00 00 00 01 00 00 00
    run "$SPT" --mem=2 "$K"
    expect_status 1 "invalid executable: entry point 0x100000000 is outside guest memory"
}

@test "spt: a writable and executable segment (W^X)" {
    # program header 1 is the text PT_LOAD; p_flags is at offset 4
    patch "$K" "$(phdr_field "$K" 1 4)" 07
    run "$SPT" "$K"
    expect_status 1 "invalid executable: segment requests WRITE and EXEC permissions"
}

@test "spt: a segment past the end of the file" {
    patch "$K" "$(phdr_field "$K" 1 8)" 00 00 00 10
    run "$SPT" "$K"
    expect_status 1 "invalid executable: file is truncated"
}

@test "spt: a binary for the hvt target" {
    off=$(note_offset "$K" 31494241)
    patch "$K" $((off + 20)) 01
    run "$SPT" "$K"
    expect_status 1 "$K: Executable is not for the solo5-spt target"
}

@test "spt: a binary asking for another ABI version" {
    off=$(note_offset "$K" 31494241)
    patch "$K" $((off + 24)) 03
    run "$SPT" "$K"
    expect_status 1 "$K: Executable requests unsupported ABI version 3"
}

@test "spt: a binary with no ABI note" {
    off=$(note_offset "$K" 31494241)
    patch "$K" $((off + 8)) 00
    run "$SPT" "$K"
    expect_status 1 "$K: No Solo5 ABI information found in executable"
}

@test "spt: a binary with an invalid manifest" {
    off=$(note_offset "$K" 3154464d)
    patch "$K" $((off + 24)) 02 # manifest version 2
    run "$SPT" "$K"
    expect_status 1 "$K: Solo5 manifest is invalid"
}

@test "spt: a binary with no manifest" {
    off=$(note_offset "$K" 3154464d)
    patch "$K" $((off + 8)) 00
    run "$SPT" "$K"
    expect_status 1 "$K: No Solo5 manifest found in executable"
}

@test "spt: an unknown option" {
    run "$SPT" --frobnicate "$K"
    expect_status 1 "solo5-spt: Invalid option: '--frobnicate'"
    [[ "$output" == *"usage: solo5-spt"* ]]
}

@test "spt: malformed --mem" {
    for m in 0 abc -1 12x ""; do
        run "$SPT" --mem=$m "$K"
        expect_status 1 "solo5-spt: Malformed argument to --mem"
    done
}

@test "spt: --mem too small for the image" {
    run "$SPT" --mem=1 "$K"
    expect_status 1 "Guest memory (--mem) must be larger than 1 MB"
}

@test "spt: a device the manifest does not declare" {
    run "$SPT" --block:storage=/dev/null "$K"
    expect_status 1 "solo5-spt: Resource not declared in manifest: 'storage'"
    [[ "$output" == *"Invalid option: '--block:storage=/dev/null'"* ]]
}

@test "spt: a device name that is not alphanumeric" {
    run "$SPT" --net:my-net=tap0 "$K"
    expect_status 1 "solo5-spt: device name 'my-net' is not alphanumeric"
}

@test "spt: a declared device that is not attached" {
    run "$SPT" "$GUEST/blk.spt"
    expect_status 1 "Device 'storage' of type BLOCK_BASIC declared but not attached."
    [[ "$output" == *"All declared devices must be attached. See --help for syntax."* ]]
}

@test "spt: -- ends the options; the rest is the guest command line" {
    run "$SPT" --mem=2 -- "$GUEST/hello.spt" Hello_Solo5
    expect_success
    run "$SPT" --mem=2 -- "$GUEST/hello.spt" --mem=2
    expect_status 1 "--mem=2"
}

@test "spt: guest command line of 8191 characters runs, 8192 is refused" {
    long=$(head -c 8191 /dev/zero | tr '\0' a)
    run "$SPT" --mem=2 "$GUEST/hello.spt" "$long"
    [[ "$output" == *"$long"* ]] # hello prints it (and fails: it is not Hello_Solo5)
    run "$SPT" --mem=2 "$GUEST/hello.spt" "${long}a"
    expect_status 1 "Guest command line too long (max=8191 characters)"
}

@test "spt: guest exit statuses reach the host" {
    for s in 0 1 42 254 255; do
        run "$SPT" --mem=2 "$GUEST/exit.spt" $s
        expect_status "$s"
    done
    run "$SPT" --mem=2 "$GUEST/exit.spt" 256
    expect_status 0
}

@test "spt: ELF loader and note reader unit tests (ASan/UBSan)" {
    run "$UNIT/test_elf"
    expect_status 0 "PASSED"
}

@test "spt: Solo5 note reader unit tests (ASan/UBSan)" {
    run "$UNIT/test_elf_notes"
    expect_status 0 "PASSED"
}
