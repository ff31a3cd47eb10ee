#!/usr/bin/env bats
# spt block devices backed by files: patterns, bounds, geometry errors, limits, durability.
load helpers

NOFEAT_SPT=$KILN_TOP/build/tests/tenders/solo5-spt-noblkfeat

img() { # FILE SIZE_BYTES
    rm -f "$1"
    truncate -s "$2" "$1"
}

# byte FILE OFFSET: the byte at OFFSET as a decimal number.
byte() {
    od -An -t u1 -j "$2" -N 1 "$1" | tr -d ' '
}

# pattern BLOCK I: what the blk guest writes at byte I of block BLOCK.
pattern() {
    echo $(( ($1 * 7 + $2 * 13 + ($2 >> 8)) & 255 ))
}

check_on_disk() { # FILE BS
    local f=$1 bs=$2 last=$(( $(stat -c %s "$1") / $2 - 1 ))
    for b in 0 1 3 $last; do
        for i in 0 1 255 256 $((bs - 1)); do
            [ "$(byte "$f" $((b * bs + i)))" = "$(pattern $b $i)" ] ||
                { echo "block $b byte $i differs on disk"; return 1; }
        done
    done
}

@test "block: whole-device patterns, last block and bad requests, 512-byte sectors" {
    f=$BATS_TEST_TMPDIR/disk
    img "$f" $((4 << 20))
    spt_run --block:storage="$f" -- "$GUEST/blk.spt"
    expect_success
    [[ "$output" == *"capacity 4194304 block size 512"* ]]
    check_on_disk "$f" 512
    [ "$(stat -c %s "$f")" -eq $((4 << 20)) ] # never grown
}

@test "block: the same with 4096-byte sectors" {
    f=$BATS_TEST_TMPDIR/disk
    img "$f" $((4 << 20))
    spt_run --block:storage="$f" --block-sector-size:storage=4096 -- "$GUEST/blk.spt"
    expect_success
    [[ "$output" == *"capacity 4194304 block size 4096"* ]]
    check_on_disk "$f" 4096
    [ "$(stat -c %s "$f")" -eq $((4 << 20)) ]
}

@test "block: a one-block device" {
    f=$BATS_TEST_TMPDIR/disk
    img "$f" 512
    spt_run --block:storage="$f" -- "$GUEST/blk.spt"
    expect_success
}

@test "block: backing files the tender refuses" {
    f=$BATS_TEST_TMPDIR/disk
    img "$f" 0
    spt_run --block:storage="$f" -- "$GUEST/blk.spt"
    expect_status 1 "storage: Backing storage must be at least 1 block (512 bytes) in size"
    img "$f" 256
    spt_run --block:storage="$f" -- "$GUEST/blk.spt"
    expect_status 1 "storage: Backing storage must be at least 1 block (512 bytes) in size"
    img "$f" 6144
    spt_run --block:storage="$f" --block-sector-size:storage=4096 -- "$GUEST/blk.spt"
    expect_status 1 "storage: Backing storage size must be block aligned (4096 bytes)"
    img "$f" 1000
    spt_run --block:storage="$f" -- "$GUEST/blk.spt"
    expect_status 1 "storage: Backing storage size must be block aligned (512 bytes)"
    spt_run --block:storage=/nonexistent/disk -- "$GUEST/blk.spt"
    expect_status 1 "Could not open block device: /nonexistent/disk"
    spt_run --block:storage="$BATS_TEST_TMPDIR" -- "$GUEST/blk.spt"
    expect_status 1 "Could not open block device: $BATS_TEST_TMPDIR"
}

@test "block: a missing backing file names the reason, on one line" {
    spt_run --block:storage=/nonexistent/disk -- "$GUEST/blk.spt"
    expect_one_line 1 "solo5-spt: storage: Could not open block device: /nonexistent/disk: No such file or directory"
}

@test "block: a FIFO or character device as backing file is refused at once" {
    mkfifo "$BATS_TEST_TMPDIR/fifo"
    spt_run --block:storage="$BATS_TEST_TMPDIR/fifo" -- "$GUEST/blk.spt"
    expect_one_line 1 "storage: Could not open block device: $BATS_TEST_TMPDIR/fifo: is a FIFO"
    spt_run --block:storage=/dev/zero -- "$GUEST/blk.spt"
    expect_one_line 1 "storage: Could not open block device: /dev/zero: not a regular file or block device"
}

@test "block: a block device is accepted as backing storage" {
    command -v losetup >/dev/null || skip "no losetup"
    f=$BATS_TEST_TMPDIR/disk
    img "$f" $((1 << 20))
    dev=$(losetup --find --show "$f" 2>/dev/null) || skip "no loop devices here"
    spt_run --block:storage="$dev" -- "$GUEST/syscalls_blk.spt" pwrite-ok
    losetup -d "$dev"
    expect_status 0 "ALLOWED"
}

@test "block: sector sizes that are not a power of two from 512 to 32768" {
    f=$BATS_TEST_TMPDIR/disk
    img "$f" $((1 << 20))
    for bs in 521 256 0 65536 1000 abc -512; do
        spt_run --block:storage="$f" --block-sector-size:storage=$bs -- "$GUEST/blk.spt"
        expect_one_line 1 "solo5-spt: Block size must be a multiple of 2 greater than or equal 512 (a power of two up to 32768); Invalid option: '--block-sector-size:storage=$bs'"
    done
}

@test "block: 63 devices accepted, a 64th refused" {
    args=()
    for i in $(seq 0 62); do
        img "$BATS_TEST_TMPDIR/d$i" 4096
        args+=(--block:storage$i="$BATS_TEST_TMPDIR/d$i")
    done
    spt_run "${args[@]}" -- "$GUEST/maxdev.spt"
    expect_success
    spt_run "${args[@]}" --block:storage63="$BATS_TEST_TMPDIR/d0" -- "$GUEST/maxdev.spt"
    expect_status 1 "Resource not declared in manifest: 'storage63'"
}

@test "block: seccomp pins pread64/pwrite64 to the disk fd, whole blocks up to the maximum, in range; fdatasync to it" {
    f=$BATS_TEST_TMPDIR/disk
    img "$f" $((1 << 20))
    for c in pread-ok pwrite-ok fdatasync-ok pwrite-long pread-multi-ok pwrite-odd-ok \
        pread-max-ok pwrite-max-ok; do
        spt_run --block:storage="$f" -- "$GUEST/syscalls_blk.spt" $c
        expect_status 0 "ALLOWED"
    done
    for c in pread-past pwrite-past pread-short pwrite-otherfd fdatasync-otherfd fsync \
        pread-overmax pwrite-notmultiple pread-zero pwrite-cross pread-unaligned \
        pread-wrap pwrite-lenwrap pread-len4g; do
        spt_run --block:storage="$f" -- "$GUEST/syscalls_blk.spt" $c
        expect_status 159
    done
    [ "$(stat -c %s "$f")" -eq $((1 << 20)) ]
}

@test "block: with 4096-byte sectors the rules count in 4096-byte blocks" {
    f=$BATS_TEST_TMPDIR/disk
    img "$f" $((2 << 20))
    for c in pread-ok pwrite-long pread-multi-ok pwrite-odd-ok pread-max-ok pwrite-max-ok; do
        spt_run --block:storage="$f" --block-sector-size:storage=4096 -- "$GUEST/syscalls_blk.spt" $c
        expect_status 0 "ALLOWED"
    done
    # 6144 bytes and 2048-byte offsets are whole 512-byte blocks, not 4096-byte ones
    for c in pread-short pread-overmax pwrite-notmultiple pread-zero pwrite-cross \
        pread-unaligned pread-wrap pwrite-lenwrap; do
        spt_run --block:storage="$f" --block-sector-size:storage=4096 -- "$GUEST/syscalls_blk.spt" $c
        expect_status 159
    done
}

@test "block: a tender that withholds the block features keeps the one-block rules" {
    f=$BATS_TEST_TMPDIR/disk
    img "$f" $((1 << 20))
    run timeout 60s "$NOFEAT_SPT" --mem=2 --block:storage="$f" -- "$GUEST/syscalls_blk.spt" pread-ok
    expect_status 0 "ALLOWED"
    for c in pwrite-long pread-multi-ok pread-max-ok fdatasync-ok; do
        run timeout 60s "$NOFEAT_SPT" --mem=2 --block:storage="$f" -- "$GUEST/syscalls_blk.spt" $c
        expect_status 159
    done
}

@test "block: every acknowledged write survives SIGKILL of the tender" {
    f=$BATS_TEST_TMPDIR/disk
    for round in 1 2 3 4 5 6; do
        bs=$(( round % 2 ? 512 : 4096 ))
        img "$f" $((256 * bs))
        log=$BATS_TEST_TMPDIR/log
        "$SPT" --mem=2 --block:storage="$f" --block-sector-size:storage=$bs -- \
            "$GUEST/blk_durable.spt" 100000000 >"$log" 2>&1 &
        pid=$!
        # kill at a random moment once the guest is writing, however slow its start
        for _ in $(seq 200); do grep -q '^ACK' "$log" && break; sleep 0.1; done
        sleep "0.$(( (RANDOM % 40) + 10 ))"
        kill -9 $pid
        wait $pid || true
        last=$(grep -ao 'ACK [0-9][0-9]*' "$log" | tail -n 1 | cut -d' ' -f2)
        [ -n "$last" ] && [ "$last" -gt 0 ] || { echo "no ACK in round $round:"; head -c 600 "$log"; return 1; }
        run "$KILN_TOP/build/tests/tools/blkcheck" "$f" $bs "$last"
        echo "round $round (bs $bs): $output"
        [ "$status" -eq 0 ]
    done
    # The checker itself must notice a lost write: wipe the newest acknowledged block.
    dd if=/dev/zero of="$f" bs=$bs seek=$((last % 256)) count=1 conv=notrunc status=none
    run "$KILN_TOP/build/tests/tools/blkcheck" "$f" $bs "$last"
    [ "$status" -eq 1 ]
}

@test "block: the seccomp offset bound holds across 4 GiB (64-bit compare)" {
    f=$BATS_TEST_TMPDIR/big
    img "$f" $((6 << 30)) # sparse; capacity - block = 0x17ffffe00
    for c in pread-ok pwrite-ok pread-below4g pread-across4g-ok pwrite-max-ok; do
        spt_run --block:storage="$f" -- "$GUEST/syscalls_blk.spt" $c
        expect_status 0 "ALLOWED"
    done
    # pread-carry: 2 blocks at 8 GiB - 512, whose sum carries into the high word
    for c in pread-past pwrite-past pread-8g pwrite-cross pread-carry pread-wrap \
        pread-len4g; do
        spt_run --block:storage="$f" -- "$GUEST/syscalls_blk.spt" $c
        expect_status 159
    done
    [ "$(stat -c %s "$f")" -eq $((6 << 30)) ]
}

# blk_multi_run TENDER FLUSH ARGS...: the blk_multi guest on a 3 MiB + 20 KiB disk
# (not a multiple of the maximum request) under TENDER; flush must return FLUSH.
blk_multi_run() {
    local tender=$1 flush=$2
    shift 2
    f=$BATS_TEST_TMPDIR/disk
    img "$f" $(((3 << 20) + 5 * 4096))
    run timeout 120s "$tender" --mem=8 --block:storage="$f" "$@" -- "$GUEST/blk_multi.spt" $flush
}

# blk_multi_ok BS: what every run of blk_multi must show, and the bytes on disk.
blk_multi_ok() {
    expect_success
    [[ "$output" == *"capacity $(((3 << 20) + 5 * 4096)) block size $1 max request 1048576"* ]]
    [[ "$output" == *"passes 9 from $1 to 1048576 bytes"* ]]
    run "$KILN_TOP/build/tests/tools/blkmulti" "$f"
    echo "$output"
    [ "$status" -eq 0 ]
    [ "$(stat -c %s "$f")" -eq $(((3 << 20) + 5 * 4096)) ]
}

@test "block: requests of many blocks, 512-byte sectors: patterns from one block to the maximum, refusals, flush" {
    blk_multi_run "$SPT" ok
    [[ "$output" == *"flush OK"* ]]
    blk_multi_ok 512
}

@test "block: requests of many blocks, 4096-byte sectors" {
    blk_multi_run "$SPT" ok --block-sector-size:storage=4096
    blk_multi_ok 4096
}

@test "block: flush is the host's fdatasync of the device" {
    command -v strace >/dev/null || skip "no strace"
    f=$BATS_TEST_TMPDIR/disk
    img "$f" $((2 << 20))
    run timeout 120s strace -f -e trace=fdatasync -o "$BATS_TEST_TMPDIR/trace" -- \
        "$SPT" --mem=8 --block:storage="$f" -- "$GUEST/blk_multi.spt" ok
    expect_success
    cat "$BATS_TEST_TMPDIR/trace"
    grep -Eq '^[0-9]+ +fdatasync\([0-9]+\) += 0$' "$BATS_TEST_TMPDIR/trace"
}

@test "block: a tender that withholds the block features: the bindings split, flush is EUNSPEC" {
    for bs in 512 4096; do
        blk_multi_run "$NOFEAT_SPT" unspec --block-sector-size:storage=$bs
        [[ "$output" == *"flush EUNSPEC"* ]]
        blk_multi_ok $bs
    done
}

@test "block: --block-write-through opens the file O_DSYNC and the guest runs as before" {
    blk_multi_run "$SPT" ok --block-write-through:storage=on
    blk_multi_ok 512
    f=$BATS_TEST_TMPDIR/disk
    for wt in on off; do
        "$SPT" --mem=2 --block:storage="$f" --block-write-through:storage=$wt -- \
            "$GUEST/blk_durable.spt" 100000000 >/dev/null 2>&1 &
        pid=$!
        flags=
        for _ in $(seq 100); do
            for fd in /proc/$pid/fd/*; do
                [ "$(readlink "$fd")" = "$f" ] &&
                    flags=$(sed -n 's/^flags:[[:space:]]*//p' /proc/$pid/fdinfo/"${fd##*/}")
            done
            [ -n "$flags" ] && break
            sleep 0.1
        done
        kill -9 $pid
        wait $pid || true
        echo "write-through $wt: flags $flags"
        [ -n "$flags" ]
        if [ $wt = on ]; then
            [ $((0$flags & 010000)) -ne 0 ]
        else
            [ $((0$flags & 010000)) -eq 0 ]
        fi
    done
}

@test "block: bad --block-write-through options, one line each" {
    f=$BATS_TEST_TMPDIR/disk
    img "$f" $((1 << 20))
    for v in yes 1 ON ""; do
        spt_run --block:storage="$f" --block-write-through:storage=$v -- "$GUEST/blk.spt"
        expect_one_line 1 "solo5-spt: Write-through must be 'on' or 'off'; Invalid option: '--block-write-through:storage=$v'"
    done
    spt_run --block:storage="$f" --block-write-through:nosuch=on -- "$GUEST/blk.spt"
    expect_one_line 1 "solo5-spt: Resource not declared in manifest: 'nosuch'; Invalid option: '--block-write-through:nosuch=on'"
    spt_run --block:storage="$f" --block-write-through:storage -- "$GUEST/blk.spt"
    expect_one_line 1 "solo5-spt: Malformed option '--block-write-through:storage': expected --NAME=VALUE"
}

@test "block: --help lists --block-write-through" {
    run "$SPT" --help
    [[ "$output" == *"--block-write-through:NAME=on"* ]]
}
