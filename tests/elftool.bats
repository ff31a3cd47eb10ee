#!/usr/bin/env bats
# solo5-elftool: gen-manifest diagnostics and note bytes, query-manifest and query-abi on built ELF files.
load helpers

MFTS=$DATA/manifests

# gen SOURCE OUT: generates manifest C, failing the test with elftool's message on error.
gen() {
    "$ELFTOOL" gen-manifest "$1" "$2"
}

# compile C O: compiles generated C the strict way guest code is compiled.
compile() {
    cc -std=gnu11 -Wall -Wextra -Werror -I "$KILN_TOP/include" -c -o "$2" "$1"
}

# note_bytes O OUT: extracts the manifest note section of object O into OUT.
note_bytes() {
    objcopy -O binary --only-section=.note.solo5.manifest "$1" "$2"
}

# fixture NAME MANIFEST [TARGET VERSION]: links $BATS_TEST_TMPDIR/NAME.elf, a
# plain ELF executable holding the manifest note of MANIFEST (none if empty)
# and an ABI1 note (none if TARGET is empty), independent of the bindings.
fixture() {
    local name=$1 mft=$2 target=${3-} version=${4-} d=$BATS_TEST_TMPDIR
    local objs=("$d/$name-text.o")
    echo 'void text(void) {}' >"$d/$name-text.c"
    compile "$d/$name-text.c" "$d/$name-text.o"
    if [ -n "$mft" ]; then
        gen "$mft" "$d/$name-mft.c"
        compile "$d/$name-mft.c" "$d/$name-mft.o"
        objs+=("$d/$name-mft.o")
    fi
    if [ -n "$target" ]; then
        printf '#include "elf_abi.h"\nABI1_NOTE_DEFINE(%s, %s);\n' \
            "$target" "$version" >"$d/$name-abi.c"
        compile "$d/$name-abi.c" "$d/$name-abi.o"
        objs+=("$d/$name-abi.o")
    fi
    ld -o "$d/$name.elf" -e 0 "${objs[@]}"
    F=$d/$name.elf
}

# le32 N: printf escapes for N as 4 little-endian bytes.
le32() {
    printf '\\x%02x\\x%02x\\x%02x\\x%02x' $(($1 & 255)) $(($1 >> 8 & 255)) \
        $(($1 >> 16 & 255)) $(($1 >> 24 & 255))
}

# mft_entry NAME TYPE: the 104 bytes of a manifest entry as spec 2.2 lays them out.
mft_entry() {
    printf '%s' "$1"
    head -c $((68 - ${#1})) /dev/zero
    printf "$(le32 "$2")"
    head -c 32 /dev/zero
}

# device_count JSON: the number of devices in a (well-formed) manifest source.
device_count() {
    grep -o '"name"' "$1" | wc -l
}

# ---- command line -------------------------------------------------------------

@test "elftool: no arguments prints usage and exits 1" {
    run "$ELFTOOL"
    expect_status 1 "usage: solo5-elftool COMMAND"
    [[ "$output" == *"gen-manifest SOURCE OUTPUT"* ]]
    [[ "$output" == *"query-manifest BINARY"* ]]
    [[ "$output" == *"query-abi BINARY"* ]]
}

@test "elftool: unknown command and wrong argument counts print usage and exit 1" {
    local args
    for args in "frobnicate" "gen-manifest" "gen-manifest a" "gen-manifest a b c" \
        "query-manifest" "query-manifest a b" "query-abi" "query-abi a b" \
        "--help"; do
        # shellcheck disable=SC2086
        run "$ELFTOOL" $args
        [ "$status" -eq 1 ] || { echo "'$args': status $status"; return 1; }
        [[ "$output" == "usage: solo5-elftool COMMAND"* ]] ||
            { echo "'$args': $output"; return 1; }
    done
}

# ---- gen-manifest diagnostics -------------------------------------------------

@test "gen-manifest: each malformed manifest fails with its exact message and no output" {
    local file want bad=0 out=$BATS_TEST_TMPDIR/out.c
    cd "$MFTS"
    while IFS=$'\t' read -r file want; do
        case $file in '#'* | '') continue ;; esac
        run "$ELFTOOL" gen-manifest "$file" "$out"
        if [ "$status" -ne 1 ] || [ "$output" != "$want" ]; then
            printf '%s: status %s\n  got:  %s\n  want: %s\n' "$file" "$status" \
                "$output" "$want"
            bad=1
        fi
        [ ! -e "$out" ] || { echo "$file: left $out behind"; bad=1; rm -f "$out"; }
    done <cases.txt
    [ "$bad" -eq 0 ]
}

@test "gen-manifest: every bad_*.json has an expected message in cases.txt" {
    local f
    cd "$MFTS"
    for f in bad_*.json; do
        grep -q "^$f"$'\t' cases.txt || { echo "$f is not in cases.txt"; return 1; }
    done
}

@test "gen-manifest: 64 devices to /dev/null is 'too many entries, maximum 63'" {
    run "$ELFTOOL" gen-manifest "$MFTS/bad_too_many.json" /dev/null
    expect_status 1 "too many entries, maximum 63"
}

@test "gen-manifest: diagnostics on stdin are reported against <stdin>" {
    run sh -c '"$1" gen-manifest - - <"$2"' sh "$ELFTOOL" "$MFTS/bad_version_2.json"
    expect_status 1
    [ "$output" = "<stdin>:3: .version: invalid version 2, expected 1" ]
}

@test "gen-manifest: reads at most 1 MiB of SOURCE, so /dev/zero on stdin fails at once" {
    out=$BATS_TEST_TMPDIR/out.c
    run sh -c 'timeout 10s "$1" gen-manifest - "$2" </dev/zero' sh "$ELFTOOL" "$out"
    expect_one_line 1 "solo5-elftool: <stdin>: manifest source is larger than 1048576 bytes"
    # a valid manifest padded to exactly 1 MiB is still read; one byte more is not
    src=$BATS_TEST_TMPDIR/big.json
    cp "$MFTS/good_mixed.json" "$src"
    head -c $((1048576 - $(stat -c %s "$src"))) /dev/zero | tr '\0' ' ' >>"$src"
    run "$ELFTOOL" gen-manifest "$src" "$out"
    expect_status 0
    echo " " >>"$src"
    run "$ELFTOOL" gen-manifest "$src" "$out"
    expect_one_line 1 "manifest source is larger than 1048576 bytes"
}

@test "gen-manifest: a missing SOURCE or unwritable OUTPUT exits 1" {
    run "$ELFTOOL" gen-manifest "$BATS_TEST_TMPDIR/nonexistent.json" /dev/null
    expect_status 1 "solo5-elftool: $BATS_TEST_TMPDIR/nonexistent.json: No such file or directory"
    run "$ELFTOOL" gen-manifest "$MFTS/good_mixed.json" "$BATS_TEST_TMPDIR/no/such/dir.c"
    expect_status 1 "solo5-elftool: $BATS_TEST_TMPDIR/no/such/dir.c: No such file or directory"
    run "$ELFTOOL" gen-manifest "$MFTS/good_mixed.json" /dev/full
    expect_status 1 "solo5-elftool: /dev/full: No space left on device"
    [ -c /dev/full ] # a failed output is removed only if it is a regular file
}

# ---- gen-manifest output ------------------------------------------------------

@test "gen-manifest: good manifests compile with -Werror into a note of the right size" {
    local f n d=$BATS_TEST_TMPDIR
    for f in "$MFTS"/good_*.json; do
        n=$(($(device_count "$f") + 1))
        gen "$f" "$d/m.c"
        compile "$d/m.c" "$d/m.o"
        note_bytes "$d/m.o" "$d/note"
        [ "$(stat -c %s "$d/note")" -eq $((32 + 104 * n)) ] ||
            { echo "$f: note is $(stat -c %s "$d/note") bytes, $n entries"; return 1; }
        [ "$(od -An -t u4 -j 4 -N 4 "$d/note" | tr -d ' ')" -eq $((12 + 104 * n)) ] ||
            { echo "$f: wrong n_descsz"; return 1; }
        [ "$(od -An -t u4 -j 28 -N 4 "$d/note" | tr -d ' ')" -eq "$n" ] ||
            { echo "$f: wrong entry count"; return 1; }
    done
}

@test "gen-manifest: the C names the version, defines MFT_ENTRIES, then includes mft_abi.h" {
    run "$ELFTOOL" gen-manifest "$MFTS/good_mixed.json" -
    expect_status 0
    [[ "${lines[0]}" == "/* Generated by solo5-elftool version $(cat "$KILN_TOP/VERSION")"* ]]
    [ "${lines[1]}" = "#define MFT_ENTRIES 5" ]
    [ "${lines[2]}" = '#include "mft_abi.h"' ]
    [[ "$output" == *'section(".note.solo5.manifest"), aligned(8), used'* ]]
    [[ "$output" == *"const struct mft1_note __solo5_mft1_note"* ]]
}

@test "gen-manifest: a 2-device note is byte for byte the layout of spec 2.3" {
    local d=$BATS_TEST_TMPDIR
    printf '{ "type": "solo5.manifest", "version": 1, "devices": [
        { "name": "storage", "type": "BLOCK_BASIC" },
        { "name": "service0", "type": "NET_BASIC" } ] }' >"$d/m.json"
    gen "$d/m.json" "$d/m.c"
    compile "$d/m.c" "$d/m.o"
    note_bytes "$d/m.o" "$d/note"
    {
        printf "$(le32 6)$(le32 $((12 + 104 * 3)))MFT1Solo5"
        head -c 7 /dev/zero # name padding to 8, then 4 bytes before the manifest
        printf "$(le32 1)$(le32 3)"
        mft_entry "" $((0x40000000))
        mft_entry storage 1
        mft_entry service0 2
    } >"$d/want"
    cmp "$d/note" "$d/want" || { diff <(od -An -tx1 "$d/note") <(od -An -tx1 "$d/want"); return 1; }
    # The object is aligned so the manifest itself is 8-byte aligned.
    readelf -SW "$d/m.o" | grep -E '\.note\.solo5\.manifest +NOTE .* 8$'
}

@test "gen-manifest: the reserved-only manifest has n_descsz 0x74" {
    local d=$BATS_TEST_TMPDIR
    gen "$MFTS/good_empty.json" "$d/m.c"
    compile "$d/m.c" "$d/m.o"
    note_bytes "$d/m.o" "$d/note"
    [ "$(od -An -t x4 -j 4 -N 4 "$d/note" | tr -d ' ')" = 00000074 ]
    [ "$(stat -c %s "$d/note")" -eq $((20 + 0x74)) ]
}

@test "gen-manifest: '-' reads stdin and writes stdout, same C as with files" {
    local d=$BATS_TEST_TMPDIR
    gen "$MFTS/good_mixed.json" "$d/file.c"
    "$ELFTOOL" gen-manifest - - <"$MFTS/good_mixed.json" >"$d/stdio.c"
    cmp "$d/file.c" "$d/stdio.c"
}

# ---- query-manifest -----------------------------------------------------------

@test "query-manifest: prints the manifest of a binary as exact JSON" {
    fixture two "$MFTS/good_mixed.json" ABI1_TARGET_SPT 2
    run "$ELFTOOL" query-manifest "$F"
    expect_status 0
    [ "$output" = '{
  "type": "solo5.manifest",
  "version": 1,
  "devices": [
    { "name": "storage", "type": "BLOCK_BASIC" },
    { "name": "service0", "type": "NET_BASIC" },
    { "name": "Service1", "type": "NET_BASIC" },
    { "name": "disk2", "type": "BLOCK_BASIC" }
  ]
}' ]
}

@test "query-manifest: no devices prints an empty devices array" {
    fixture empty "$MFTS/good_empty.json" ABI1_TARGET_SPT 2
    run "$ELFTOOL" query-manifest "$F"
    expect_status 0
    [ "$output" = '{
  "type": "solo5.manifest",
  "version": 1,
  "devices": [
  ]
}' ]
}

@test "query-manifest: its output fed back to gen-manifest gives the same C (63 devices)" {
    local d=$BATS_TEST_TMPDIR
    fixture max "$MFTS/good_63.json"
    "$ELFTOOL" query-manifest "$F" >"$d/back.json"
    gen "$d/back.json" "$d/back.c"
    cmp "$d/max-mft.c" "$d/back.c"
}

@test "query-manifest: an entry type the spec does not define prints as <undefined type>" {
    fixture odd "$MFTS/good_mixed.json"
    patch "$F" $(($(note_offset "$F" 3154464d) + 32 + 104 + 68)) 07
    run "$ELFTOOL" query-manifest "$F"
    expect_status 0 '{ "name": "storage", "type": "<undefined type>" },'
}

@test "query-manifest: a binary without a manifest" {
    fixture nomft "" ABI1_TARGET_SPT 2
    run "$ELFTOOL" query-manifest "$F"
    expect_status 1 "solo5-elftool: $F: No Solo5 manifest found in executable"
}

@test "query-manifest: a manifest with version 2 fails validation" {
    fixture v2 "$MFTS/good_mixed.json"
    patch "$F" $(($(note_offset "$F" 3154464d) + 24)) 02
    run "$ELFTOOL" query-manifest "$F"
    expect_status 1 "solo5-elftool: $F: Manifest validation failed: version 2, expected 1"
    [ "${#lines[@]}" -eq 1 ]
}

@test "query-manifest: a manifest with an attached entry fails validation" {
    fixture att "$MFTS/good_mixed.json"
    patch "$F" $(($(note_offset "$F" 3154464d) + 32 + 104 * 2 + 96)) 01
    run "$ELFTOOL" query-manifest "$F"
    expect_status 1 "Manifest validation failed: entry 2 is marked attached"
}

@test "query-manifest: an MFT1 note with n_descsz 1 (buggyelf) is rejected" {
    fixture buggy "$MFTS/good_mixed.json"
    patch "$F" $(($(note_offset "$F" 3154464d) + 4)) 01 00 00 00
    run "$ELFTOOL" query-manifest "$F"
    expect_status 1 "$F: invalid executable: Solo5 note does not fall within valid size"
}

@test "query-manifest: a file that is not ELF, and one that does not exist" {
    echo "not an elf" >"$BATS_TEST_TMPDIR/x"
    run "$ELFTOOL" query-manifest "$BATS_TEST_TMPDIR/x"
    expect_status 1 "$BATS_TEST_TMPDIR/x: invalid executable: not an ELF file (bad magic)"
    run "$ELFTOOL" query-manifest "$BATS_TEST_TMPDIR/nonexistent"
    expect_status 1 "$BATS_TEST_TMPDIR/nonexistent: No such file or directory"
}

# A FIFO or a device is refused at once, as the tenders refuse them: nothing waits
# for a writer, nothing reads /dev/zero.
@test "elftool: a FIFO or a device as BINARY or SOURCE is refused at once, one line" {
    f=$BATS_TEST_TMPDIR/fifo
    mkfifo "$f"
    for cmd in query-abi query-manifest; do
        run timeout 10s "$ELFTOOL" $cmd "$f"
        expect_one_line 1 "solo5-elftool: $f: is a FIFO"
        run timeout 10s "$ELFTOOL" $cmd /dev/zero
        expect_one_line 1 "solo5-elftool: /dev/zero: not a regular file"
    done
    run timeout 10s "$ELFTOOL" gen-manifest "$f" "$BATS_TEST_TMPDIR/out.c"
    expect_one_line 1 "solo5-elftool: $f: is a FIFO"
    run timeout 10s "$ELFTOOL" gen-manifest /dev/zero "$BATS_TEST_TMPDIR/out.c"
    expect_one_line 1 "solo5-elftool: /dev/zero: not a regular file"
    [ ! -e "$BATS_TEST_TMPDIR/out.c" ]
}

@test "elftool: a path with a newline and an ESC byte is printed escaped, on one line" {
    d=$BATS_TEST_TMPDIR/$'a\nb\x1b[31m'
    shown="$BATS_TEST_TMPDIR/a\\x0ab\\x1b[31m"
    mkdir "$d"
    echo "not an elf" >"$d/x"
    run "$ELFTOOL" query-abi "$d/x"
    expect_one_line 1 "solo5-elftool: $shown/x: invalid executable: not an ELF file"
    run "$ELFTOOL" query-manifest "$d/none"
    expect_one_line 1 "solo5-elftool: $shown/none: No such file or directory"
    run "$ELFTOOL" gen-manifest "$d/none" /dev/null
    expect_one_line 1 "solo5-elftool: $shown/none: No such file or directory"
    run "$ELFTOOL" gen-manifest "$MFTS/good_mixed.json" "$d/no/out.c"
    expect_one_line 1 "solo5-elftool: $shown/no/out.c: No such file or directory"
    echo '{' >"$d/m.json"
    run "$ELFTOOL" gen-manifest "$d/m.json" /dev/null
    expect_one_line 1 "$shown/m.json:"
}

@test "query-manifest: a write error on stdout exits 1" {
    fixture two "$MFTS/good_mixed.json"
    run sh -c '"$1" query-manifest "$2" >/dev/full' sh "$ELFTOOL" "$F"
    expect_status 1 "error writing to standard output"
}

# ---- query-abi ----------------------------------------------------------------

@test "query-abi: prints target and version as exact JSON" {
    fixture spt "" ABI1_TARGET_SPT 2
    run "$ELFTOOL" query-abi "$F"
    expect_status 0
    [ "$output" = '{
  "type": "solo5.abi",
  "target": "spt",
  "version": 2
}' ]
}

@test "query-abi: every target id has its name, others are unknown" {
    local names=(unknown hvt spt virtio muen genode xen unknown unknown) t
    for t in 0 1 2 3 4 5 6 7 4294967295; do
        fixture "t$t" "" "${t}U" 9
        run "$ELFTOOL" query-abi "$F"
        expect_status 0
        [ "${lines[2]}" = "  \"target\": \"${names[$t > 8 ? 8 : $t]}\"," ] ||
            { echo "target $t: ${lines[2]}"; return 1; }
        [ "${lines[3]}" = '  "version": 9' ]
    done
}

@test "query-abi: a binary without an ABI note" {
    fixture noabi "$MFTS/good_mixed.json"
    run "$ELFTOOL" query-abi "$F"
    expect_status 1 "solo5-elftool: $F: No Solo5 ABI information found in executable"
}

# ---- on real unikernels built by the toolchain --------------------------------

@test "query-abi: hello.spt is spt, ABI version 2" {
    run "$ELFTOOL" query-abi "$GUEST/hello.spt"
    expect_status 0
    [ "${lines[2]}" = '  "target": "spt",' ]
    [ "${lines[3]}" = '  "version": 2' ]
}

@test "query-manifest: hello.spt declares no devices, blk.spt one block device" {
    run "$ELFTOOL" query-manifest "$GUEST/hello.spt"
    expect_status 0
    [ "${lines[3]}" = '  "devices": [' ]
    [ "${lines[4]}" = '  ]' ]
    run "$ELFTOOL" query-manifest "$GUEST/blk.spt"
    expect_status 0
    [ "${lines[4]}" = '    { "name": "storage", "type": "BLOCK_BASIC" }' ]
}

@test "query-manifest: maxdev.spt round-trips to the C of its manifest.json" {
    local d=$BATS_TEST_TMPDIR
    "$ELFTOOL" query-manifest "$GUEST/maxdev.spt" >"$d/back.json"
    gen "$d/back.json" "$d/back.c"
    gen "$KILN_TOP/tests/guest/maxdev/manifest.json" "$d/orig.c"
    cmp "$d/orig.c" "$d/back.c"
}

# ---- manifest validation and lookups, unit tested on the host -----------------

@test "elftool: manifest validation and lookup unit tests" {
    run "$UNIT/test_mft"
    expect_status 0 "PASSED"
}

@test "elftool: manifest loading from ELF notes unit tests" {
    run "$UNIT/test_mft_load"
    expect_status 0 "PASSED"
}

@test "elftool: JSON checks, line lookup and output unit tests" {
    run "$UNIT/test_elftool"
    expect_status 0 "PASSED"
}

@test "elftool: --version prints the version, exits 0" {
    run "$ELFTOOL" --version
    expect_status 0 "solo5-elftool, version $(cut -d- -f1 <"$KILN_TOP/VERSION")"
    [ "${#lines[@]}" -eq 1 ]
}

@test "elftool: the full example of docs/manifest.md is a valid manifest" {
    awk '/^```json$/ { on = 1; next } /^```$/ { on = 0 } on' "$KILN_TOP/docs/manifest.md" \
        >"$BATS_TEST_TMPDIR/m.json"
    grep -q BLOCK_BASIC "$BATS_TEST_TMPDIR/m.json"
    run "$ELFTOOL" gen-manifest "$BATS_TEST_TMPDIR/m.json" "$BATS_TEST_TMPDIR/m.c"
    expect_status 0
    grep -q service1 "$BATS_TEST_TMPDIR/m.c"
}
