#!/usr/bin/env bats
# zlib, Debian's source cross-built by its own configure and make (tests/zlib/rules.mk): its example program and a round trip on a disk, on spt, virtio and hvt.
load helpers
load virtio/helpers
load hvt/helpers
source "$KILN_TOP/tests/lib/zlib.sh"

Z=$KILN_TOP/build/tests/zlib

# need_zlib NAME: NAME (example.spt, ...) was built (make test-build).
need_zlib() {
    [ -f "$Z/$1" ] || { echo "$Z/$1 was not built (make test-build)"; return 1; }
}

# expect_example: the output of zlib's example program when every test of it passed.
expect_example() {
    local l
    for l in "zlib version 1.2.13 = 0x12d0, compile flags = 0x" "inflate(): hello, hello!" \
        "large_inflate(): OK" "after inflateSync(): hello, hello!" \
        "inflate with dictionary: hello, hello!"; do
        [[ "$output" == *"$l"* ]] || { echo "no '$l' in: $output"; return 1; }
    done
    [[ "$output" != *error* ]] || { echo "an error in: $output"; return 1; }
}

# licenses FILE: the text of every license in /usr/share/common-licenses, some 300 KB.
licenses() {
    cat /usr/share/common-licenses/* >"$1"
    [ "$(stat -c %s "$1")" -gt 100000 ] || { echo "/usr/share/common-licenses is too small"; return 1; }
}

# host_check IMG FILE: checked here, on the host, the stream the guest wrote to IMG
# inflates to exactly FILE with python3's zlib (adler32 checked) and with gzip (its own
# inflater); the CRC-32 and Adler-32 the guest printed are FILE's.
host_check() {
    local z=$BATS_TEST_TMPDIR/stream why sums
    why=$(zlib_stream "$1" "$z") || { echo "$why"; return 1; }
    python3 -c 'import sys, zlib
sys.exit(zlib.decompress(open(sys.argv[1], "rb").read()) != open(sys.argv[2], "rb").read())' \
        "$z" "$2" || { echo "python3's zlib: the stream on the disk does not inflate to the file"; return 1; }
    sums=$(python3 -c 'import sys, zlib; d = open(sys.argv[1], "rb").read()
print("crc32 %08x, adler32 %08x" % (zlib.crc32(d), zlib.adler32(d)))' "$2")
    [[ "$output" == *"$(stat -c %s "$2") bytes -> $(stat -c %s "$z") bytes at offset 4194816, $sums"* ]] ||
        { echo "not '$sums' of the file in: $output"; return 1; }
    why=$(zlib_gunzip_check "$z" "$2" "${sums:6:8}") || { echo "$why"; return 1; }
}

# roundtrip_spt FILE [SPT OPTIONS] [-- LEVEL]: roundtrip.spt on a disk holding FILE.
roundtrip_spt() {
    local f=$1
    shift
    zlib_disk "$f" "$BATS_TEST_TMPDIR/disk"
    run timeout 60s "$SPT" --mem=16 --block:storage="$BATS_TEST_TMPDIR/disk" "$@"
}

# zlib_hvt_case NAME: the result of hvt case NAME (tests/hvt/cases/NAME.sh): from the run
# of every case, or else from a kvm-exec run of the zlib cases alone (hvt_case_results).
zlib_hvt_case() {
    KILN_HVT_RESULTS=$(hvt_case_results 'zlib_*') hvt_case "$1"
}

# ---- the build --------------------------------------------------------------------

@test "zlib: its own configure and make built libz.a with the staged cc and the C library" {
    log=$Z/build.log
    [ -f "$log" ] || { echo "no $log (make test-build)"; return 1; }
    grep -q "^Building static library libz.a version 1.2.13 with $BIN/x86_64-solo5-none-static-cc --specs=picolibc.specs" "$log" ||
        { cat "$log"; return 1; }
    grep -q "^$BIN/x86_64-solo5-none-static-cc --specs=picolibc.specs .* -c -o deflate.o deflate.c" "$log" ||
        { cat "$log"; return 1; }
    grep -q -- "-DZ_SOLO -I. -c -o example.o test/example.c" "$log" || { cat "$log"; return 1; }
    for t in spt hvt virtio; do
        need_zlib "example.$t"
        need_zlib "roundtrip.$t"
    done
    cmp "$Z/example.hvt" "$GUEST/zlib_example.hvt"
    cmp "$Z/roundtrip.hvt" "$GUEST/zlib_roundtrip.hvt"
}

# ---- spt ----------------------------------------------------------------------------

@test "zlib spt: zlib's example passes every test (deflate, inflate, flush, sync, dictionary), exit 0" {
    need_zlib example.spt
    spt_run "$Z/example.spt"
    expect_status 0 "Solo5: solo5_exit(0) called"
    expect_example
}

@test "zlib spt: roundtrip compresses 300 KB of text from the disk; here, the stream on the disk inflates to it" {
    need_zlib roundtrip.spt
    f=$BATS_TEST_TMPDIR/licenses
    licenses "$f"
    roundtrip_spt "$f" "$Z/roundtrip.spt"
    expect_success
    [[ "$output" == *"zlib-roundtrip: level 9: "* ]] || { echo "$output"; return 1; }
    host_check "$BATS_TEST_TMPDIR/disk" "$f"
    # the check is not vacuous: one byte changed in the stream on the disk fails it
    b=$(od -An -t u1 -j $((4194816 + 1000)) -N 1 "$BATS_TEST_TMPDIR/disk" | tr -d ' ')
    patch "$BATS_TEST_TMPDIR/disk" $((4194816 + 1000)) "$(printf %02x $((b ^ 255)))"
    ! host_check "$BATS_TEST_TMPDIR/disk" "$f" >/dev/null 2>&1 ||
        { echo "a changed stream passed the check"; return 1; }
}

@test "zlib spt: roundtrip at levels 0, 1 and 6, on random bytes, an empty file, 4096-byte sectors" {
    need_zlib roundtrip.spt
    f=$BATS_TEST_TMPDIR/licenses
    licenses "$f"
    for level in 0 1 6; do
        roundtrip_spt "$f" "$Z/roundtrip.spt" "$level"
        expect_success || return 1
        [[ "$output" == *"level $level: "* ]] || { echo "$output"; return 1; }
        host_check "$BATS_TEST_TMPDIR/disk" "$f" || { echo "(level $level)"; return 1; }
    done
    r=$BATS_TEST_TMPDIR/random
    head -c 1000000 /dev/urandom >"$r"
    roundtrip_spt "$r" "$Z/roundtrip.spt"
    expect_success
    host_check "$BATS_TEST_TMPDIR/disk" "$r"
    e=$BATS_TEST_TMPDIR/empty
    : >"$e"
    roundtrip_spt "$e" "$Z/roundtrip.spt"
    expect_success
    host_check "$BATS_TEST_TMPDIR/disk" "$e"
    roundtrip_spt "$f" --block-sector-size:storage=4096 "$Z/roundtrip.spt"
    expect_success
    host_check "$BATS_TEST_TMPDIR/disk" "$f"
}

@test "zlib spt: roundtrip refuses a disk without its header, a file too long, a bad level: exit 1" {
    need_zlib roundtrip.spt
    d=$BATS_TEST_TMPDIR/disk
    truncate -s 8M "$d"
    run timeout 60s "$SPT" --mem=16 --block:storage="$d" "$Z/roundtrip.spt"
    expect_status 1 "zlib-roundtrip: FAIL: sector 0 is not 'zlib-roundtrip in LENGTH'"
    printf 'zlib-roundtrip in 4193793\n' | dd of="$d" conv=notrunc status=none
    run timeout 60s "$SPT" --mem=16 --block:storage="$d" "$Z/roundtrip.spt"
    expect_status 1 "zlib-roundtrip: FAIL: sector 0 is not"
    run timeout 60s "$SPT" --mem=16 --block:storage="$d" "$Z/roundtrip.spt" 10
    expect_status 1 "zlib-roundtrip: FAIL: usage: roundtrip [LEVEL]"
    truncate -s 4M "$d"
    run timeout 60s "$SPT" --mem=16 --block:storage="$d" "$Z/roundtrip.spt"
    expect_status 1 "zlib-roundtrip: FAIL: the disk is smaller than 4 MiB + 512 bytes"
}

# ---- virtio (QEMU) -------------------------------------------------------------------

@test "zlib virtio: zlib's example passes every test" {
    need_zlib example.virtio
    vrun "$Z/example.virtio"
    not_hung
    expect_status 0 "Solo5: solo5_exit(0) called"
    expect_example
}

@test "zlib virtio: roundtrip on a virtio-blk disk; here, the stream on the disk inflates to the file" {
    need_zlib roundtrip.virtio
    f=$BATS_TEST_TMPDIR/licenses
    licenses "$f"
    zlib_disk "$f" "$BATS_TEST_TMPDIR/disk"
    vrun -d "$BATS_TEST_TMPDIR/disk" "$Z/roundtrip.virtio"
    expect_virtio_success
    expect_status 0 "Solo5: solo5_exit(0) called"
    host_check "$BATS_TEST_TMPDIR/disk" "$f"
}

# ---- hvt (tests/hvt/cases/zlib_*.sh, on KVM or in the test VM) ------------------------

@test "zlib hvt: zlib's example passes every test" {
    zlib_hvt_case zlib_example
}

@test "zlib hvt: roundtrip; in the case, gzip inflates the stream on the disk to the file" {
    zlib_hvt_case zlib_roundtrip
}
