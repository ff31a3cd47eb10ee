#!/usr/bin/env bats
# spt block devices backed by files: patterns, bounds, geometry errors, limits, durability.
load helpers

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

@test "block: seccomp pins pread64/pwrite64 to the disk fd, one block, in range; fdatasync to it" {
    f=$BATS_TEST_TMPDIR/disk
    img "$f" $((1 << 20))
    for c in pread-ok pwrite-ok fdatasync-ok; do
        spt_run --block:storage="$f" -- "$GUEST/syscalls_blk.spt" $c
        expect_status 0 "ALLOWED"
    done
    for c in pread-past pwrite-past pwrite-long pread-short pwrite-otherfd \
        fdatasync-otherfd fsync; do
        spt_run --block:storage="$f" -- "$GUEST/syscalls_blk.spt" $c
        expect_status 159
    done
    [ "$(stat -c %s "$f")" -eq $((1 << 20)) ]
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
    for c in pread-ok pwrite-ok pread-below4g; do
        spt_run --block:storage="$f" -- "$GUEST/syscalls_blk.spt" $c
        expect_status 0 "ALLOWED"
    done
    for c in pread-past pwrite-past pread-8g; do
        spt_run --block:storage="$f" -- "$GUEST/syscalls_blk.spt" $c
        expect_status 159
    done
    [ "$(stat -c %s "$f")" -eq $((6 << 30)) ]
}
