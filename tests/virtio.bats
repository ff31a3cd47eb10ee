#!/usr/bin/env bats
# The virtio target under QEMU TCG: solo5-virtio-run, solo5-virtio-mkimage, the reference suite's virtio column.
load helpers
load virtio/helpers

setup_file() {
    export KILN_NS=kvio$$
    "$KILN_TOP/scripts/kiln-netns" create "$KILN_NS"
}

teardown() {
    kill_vrun
}

teardown_file() {
    "$KILN_TOP/scripts/kiln-netns" destroy "$KILN_NS"
}

# ---- the launcher, with the minimal multiboot kernel (tests/tools/mbexit.S) -----

@test "virtio-run: a multiboot kernel boots; QEMU's debug-exit 83 is exit 0; ARGS verbatim" {
    vrun "$MBEXIT" a,b 'c,,d' -- e
    not_hung
    expect_status 0
    # QEMU puts the kernel's path first (the bindings drop that word), commas untouched
    [[ "$output" == *"$MBEXIT a,b c,,d -- e"* ]] || { echo "got: $output"; return 1; }
    vrun -- "$MBEXIT"
    expect_status 0 "$MBEXIT"
}

@test "virtio-run: without -q, the QEMU command line on stderr: TCG here, devices from slot 2" {
    d1=$BATS_TEST_TMPDIR/one.img d2=$BATS_TEST_TMPDIR/tw,o.img
    truncate -s 1M "$d1" "$d2"
    run timeout -k 5 "$VIRTIO_TIMEOUT" "$VRUN" -d "$d1" -m 64 -d "$d2" "$MBEXIT" x </dev/null
    not_hung
    expect_status 0
    line=$(grep '^solo5-virtio-run: ' <<<"$output" | head -n 1)
    if "$KILN_TOP/scripts/kvm-usable"; then
        [[ "$line" == *"-enable-kvm -cpu host"* ]] || { echo "$line"; return 1; }
    else
        [[ "$line" == *"-accel tcg -cpu max"* ]] || { echo "$line"; return 1; }
        [[ "$line" != *enable-kvm* ]] || { echo "$line"; return 1; }
    fi
    [[ "$line" == *"-blockdev driver=file,node-name=file0,filename=$d1 -blockdev driver=raw,node-name=disk0,file=file0 -device virtio-blk-pci,drive=disk0,addr=0x2 "* ]] ||
        { echo "$line"; return 1; }
    # a comma in a file name is doubled inside QEMU's option string, and QEMU opened it
    [[ "$line" == *"filename=$BATS_TEST_TMPDIR/tw,,o.img -blockdev driver=raw,node-name=disk1,file=file1 -device virtio-blk-pci,drive=disk1,addr=0x3 "* ]] ||
        { echo "$line"; return 1; }
    [[ "$line" == *" -m 64 -nodefaults -machine acpi=off -display none -serial stdio -no-reboot "* ]] ||
        { echo "$line"; return 1; }
    [[ "$line" == *"-device isa-debug-exit,iobase=0x501,iosize=2 -kernel $MBEXIT -append x"* ]] ||
        { echo "$line"; return 1; }
}

@test "virtio-run: a net device with an MTU, after a disk, in the namespace" {
    d=$BATS_TEST_TMPDIR/d.img
    truncate -s 1M "$d"
    run in_ns timeout -k 5 "$VIRTIO_TIMEOUT" "$VRUN" -d "$d" -n tap102:9000 -n tap100 "$MBEXIT" </dev/null
    not_hung
    expect_status 0
    [[ "$output" == *"-netdev tap,id=net0,ifname=tap102,script=no,downscript=no -device virtio-net-pci,netdev=net0,addr=0x3,host_mtu=9000 "* ]] ||
        { echo "$output"; return 1; }
    [[ "$output" == *"-device virtio-net-pci,netdev=net1,addr=0x4 "* ]] || { echo "$output"; return 1; }
}

@test "virtio-run: bad usage and missing files are one line on stderr, exit 2" {
    for args in "" "-x $MBEXIT" "-m" "-m 0 $MBEXIT" "-m 1x $MBEXIT" "-n tap100:x $MBEXIT" \
        "-n tap100:9 $MBEXIT" "-n bad/name $MBEXIT" "-H xen $MBEXIT" "-H bhyve $MBEXIT" \
        "-d /nonexistent.img $MBEXIT" "-d /dev/null $MBEXIT" "-r /nonexistent.img $MBEXIT" "-r" "/nonexistent" "$DATA" \
        "$KILN_TOP/tests/guest/hello/manifest.json" "$GUEST/hello.spt"; do
        # shellcheck disable=SC2086
        run "$VRUN" -q $args
        expect_one_line 2 "solo5-virtio-run" || { echo "(args: $args)"; return 1; }
    done
    run "$VRUN" -q "$GUEST/hello.hvt"
    expect_one_line 2 "not a multiboot kernel"
}

@test "virtio-run: no QEMU is one clear line, exit 2" {
    QEMU=/nonexistent/qemu run "$VRUN" -q "$MBEXIT"
    expect_one_line 2 "install the Debian package qemu-system-x86"
}

@test "virtio-run: -H kvm without hardware KVM is refused; -H tcg runs" {
    if "$KILN_TOP/scripts/kvm-usable"; then
        skip "this host has hardware KVM"
    fi
    run "$VRUN" -q -H kvm "$MBEXIT"
    expect_one_line 2 "no usable hardware KVM"
    vrun -H tcg "$MBEXIT" x
    expect_status 0 "$MBEXIT x"
}

@test "virtio-run: a hung guest is killed by the timeout and reported; no QEMU left" {
    tag=hung$$
    run timeout -k 5 3 "$VRUN" -q "$MBEXIT" "$tag" hang </dev/null
    [ "$status" -eq 124 ] || { echo "status $status: $output"; return 1; }
    [[ "$output" == *"solo5-virtio-run: stopped by signal 15"* ]] || { echo "$output"; return 1; }
    sleep 0.5
    [ -z "$(qemu_left "$tag")" ] || { echo "QEMU still runs: $(qemu_left "$tag")"; return 1; }
}

@test "virtio-run: SIGTERM/SIGHUP to the launcher stop QEMU (143/129)" {
    # (not SIGINT: an asynchronous command of a non-interactive shell has it ignored;
    # HUP is reset to its default, as a shell cannot trap a signal ignored on entry,
    # which it is when the suite itself runs under nohup)
    for s in TERM:143 HUP:129; do
        tag=sig$$${s%:*}
        env --default-signal=HUP "$VRUN" -q "$MBEXIT" "$tag" hang >"$BATS_TEST_TMPDIR/log" 2>&1 </dev/null &
        pid=$!
        (sleep 30 && kill -9 "$pid") >/dev/null 2>&1 &
        dog=$!
        for _ in $(seq 100); do grep -q "$tag" "$BATS_TEST_TMPDIR/log" && break; sleep 0.1; done
        kill "-${s%:*}" "$pid"
        st=0
        wait "$pid" || st=$?
        kill "$dog" 2>/dev/null || true
        [ "$st" -eq "${s#*:}" ] || { echo "$s: status $st: $(cat "$BATS_TEST_TMPDIR/log")"; return 1; }
        sleep 0.5
        [ -z "$(qemu_left "$tag")" ] || { echo "QEMU still runs: $(qemu_left "$tag")"; return 1; }
    done
}

@test "virtio-run: a guest that triple-faults (no debug-exit) is exit 3, reported" {
    vrun "$MBEXIT" boom
    not_hung
    expect_status 3 "the guest stopped without isa-debug-exit (reset or triple fault)"
}

# ---- mkimage ------------------------------------------------------------------

# boot_image IMAGE raw|iso: boots IMAGE with GRUB as a disk or a CD, no -kernel.
boot_image() {
    local dev
    if [ "$2" = iso ]; then dev="-cdrom $1"; else dev="-drive file=$1,format=raw,if=ide"; fi
    # shellcheck disable=SC2086
    run timeout -k 5 "$VIRTIO_TIMEOUT" qemu-system-x86_64 -accel tcg -cpu max -m 128 \
        -nodefaults -machine acpi=off -display none -serial stdio -no-reboot \
        -device isa-debug-exit,iobase=0x501,iosize=2 $dev </dev/null
    not_hung
}

@test "virtio-mkimage: a GRUB image boots the minimal kernel as a disk and as a CD, ARGS kept" {
    img=$BATS_TEST_TMPDIR/mb.img
    run "$MKIMAGE" "$img" "$MBEXIT" a,b 'c$d' x
    expect_status 0
    [ -z "$output" ] || { echo "not quiet: $output"; return 1; }
    boot_image "$img" raw
    expect_status 83 "/boot/kernel a,b c\$d x"
    run "$MKIMAGE" -f iso "$img.iso" "$MBEXIT" y
    expect_status 0
    boot_image "$img.iso" iso
    expect_status 83 "/boot/kernel y"
}

@test "virtio-mkimage: bad usage, missing files, not multiboot: one line, exit 2" {
    for args in "" "x.img" "-f vhd x.img $MBEXIT" "x.img /nonexistent" "x.img $GUEST/hello.hvt" \
        "x.img $MBEXIT it's"; do
        # shellcheck disable=SC2086
        run "$MKIMAGE" $args
        expect_one_line 2 "solo5-virtio-mkimage" || { echo "(args: $args)"; return 1; }
    done
}

@test "virtio-mkimage: hello.virtio from a GRUB disk image gets its command line" {
    need_virtio_guest hello
    img=$BATS_TEST_TMPDIR/hello.img
    run "$MKIMAGE" "$img" "$GUEST/hello.virtio" Hello_Solo5
    expect_status 0
    boot_image "$img" raw
    expect_status 83 SUCCESS
    [[ "$output" == *"Command line is: 'Hello_Solo5'"* ]] || { echo "$output"; return 1; }
    run "$MKIMAGE" -f iso "$img.iso" "$GUEST/hello.virtio" Hello_Solo5
    boot_image "$img.iso" iso
    expect_status 83 SUCCESS
}

# ---- the reference suite, virtio column (spec section 8) ------------------------

@test "virtio: hello prints its command line, fails on another" {
    need_virtio_guest hello
    vrun "$GUEST/hello.virtio" Hello_Solo5
    expect_virtio_success
    [[ "$output" == *"Command line is: 'Hello_Solo5'"* ]] || { echo "$output"; return 1; }
    vrun "$GUEST/hello.virtio" Hello,Solo5 two
    not_hung
    [[ "$output" == *"Command line is: 'Hello,Solo5 two'"* ]] || { echo "$output"; return 1; }
    [[ "$output" != *SUCCESS* ]] || { echo "$output"; return 1; }
}

@test "virtio: quiet prints nothing of the bindings" {
    need_virtio_guest quiet
    vrun -- "$GUEST/quiet.virtio" --solo5:quiet
    expect_virtio_success
    [[ "$output" != *Solo5:* ]] || { echo "$output"; return 1; }
}

@test "virtio: exit N says solo5_exit(N); QEMU exits 83 (launcher 0) whatever N" {
    need_virtio_guest exit
    for s in 0 1 42 255; do
        vrun "$GUEST/exit.virtio" "$s"
        not_hung
        expect_status 0 "Solo5: solo5_exit($s) called"
    done
    vrun "$GUEST/exit.virtio" --solo5:quiet 3
    expect_status 0
    [[ "$output" != *Solo5:* ]] || { echo "$output"; return 1; }
}

@test "virtio: abort says solo5_abort() called" {
    need_virtio_guest abort
    vrun "$GUEST/abort.virtio"
    not_hung
    expect_status 0 "Solo5: solo5_abort() called"
}

@test "virtio: output writes 4 KiB and more in one go" {
    need_virtio_guest output
    vrun "$GUEST/output.virtio" Output_Solo5
    expect_virtio_success
    [ "$(grep -c '^[0-9][0-9] defghij' <<<"$output")" -eq 66 ] || { echo "$output"; return 1; }
}

@test "virtio: globals" {
    need_virtio_guest globals
    vrun "$GUEST/globals.virtio"
    expect_virtio_success
}

@test "virtio: tls" {
    need_virtio_guest tls
    vrun "$GUEST/tls.virtio"
    expect_virtio_success
}

@test "virtio: fpu" {
    need_virtio_guest fpu
    vrun "$GUEST/fpu.virtio"
    expect_virtio_success
}

@test "virtio: time (monotonic, yields of 1 s, wall clock) on the TSC calibrated by the PIT" {
    need_virtio_guest time
    vrun "$GUEST/time.virtio"
    expect_virtio_success
}

@test "virtio: ssp (stack smashing) aborts" {
    need_virtio_guest ssp
    vrun "$GUEST/ssp.virtio"
    expect_virtio_abort "Solo5: ABORT: Stack corruption detected"
}

@test "virtio: exception (write at 2^34) traps with #PF and aborts" {
    need_virtio_guest exception
    vrun "$GUEST/exception.virtio"
    expect_virtio_abort "Solo5: trap: type=#PF"
}

@test "virtio: zeropage (write to address 8) traps and aborts" {
    need_virtio_guest zeropage
    vrun "$GUEST/zeropage.virtio"
    expect_virtio_abort "Solo5: trap: type=#PF"
}

@test "virtio: notls (%fs access with TLS base 0) traps and aborts" {
    need_virtio_guest notls
    vrun "$GUEST/notls.virtio"
    expect_virtio_abort "Solo5: trap"
}

@test "virtio: blk writes and reads a 4 MiB file-backed disk; the bytes are on the file" {
    need_virtio_guest blk
    f=$BATS_TEST_TMPDIR/disk
    truncate -s 4194304 "$f"
    vrun -d "$f" -- "$GUEST/blk.virtio"
    expect_virtio_success
    [[ "$output" == *"capacity 4194304 block size 512"* ]] || { echo "$output"; return 1; }
    blk_on_disk "$f" 512
    [ "$(stat -c %s "$f")" -eq 4194304 ] || { echo "the image changed size"; return 1; }
}

# vblk_check FILE: the vblk guest's pattern (byte o is (o ^ (o >> 8) * 31 ^ (o >> 17) * 7)
# & 255) at offsets around sectors, segments, chains, requests and the end of FILE.
vblk_check() {
    local size o want got
    size=$(stat -c %s "$1")
    for o in 0 1 511 512 4095 65535 65536 65537 262143 262144 1048575 1048576 \
        4194303 4194304 4194815 $((size / 3)) $((size / 2 + 77)) $((size - 512)) $((size - 1)); do
        [ "$o" -lt "$size" ] || continue
        want=$(((o ^ ((o >> 8) * 31) ^ ((o >> 17) * 7)) & 255))
        got=$(od -An -t u1 -j "$o" -N 1 "$1" | tr -d ' ')
        [ "$got" = "$want" ] || { echo "byte $o is $got on disk, want $want"; return 1; }
    done
}

# qemu_blk_sed DIR SED: writes DIR/qemu, the launcher's QEMU with each argument passed
# through sed expression SED, and prints its path (for QEMU=... vrun).
qemu_blk_sed() {
    printf '%s\n' '#!/bin/sh' 'n=$#' 'while [ "$n" -gt 0 ]; do' \
        "    a=\$(printf '%s\\n' \"\$1\" | sed '$2'); shift; n=\$((n - 1))" \
        '    set -- "$@" "$a"' 'done' \
        "exec ${QEMU:-qemu-system-x86_64} \"\$@\"" >"$1/qemu"
    chmod +x "$1/qemu"
    echo "$1/qemu"
}

@test "virtio: vblk moves a 32 MiB disk in requests up to 4 MiB; the bytes are on the file; flush OK" {
    need_virtio_guest vblk
    f=$BATS_TEST_TMPDIR/disk
    truncate -s $((32 * 1048576 + 1536)) "$f"
    vrun -d "$f" -- "$GUEST/vblk.virtio" --solo5:debug
    expect_virtio_success
    [[ "$output" == *"capacity 33555968 block size 512 max request 4194304"* ]] ||
        { echo "$output"; return 1; }
    # QEMU's device (seg_max 254, queue 256): 16 chains of four 64 KiB segments
    [[ "$output" == *"virtio-blk 'storage': 512-byte blocks, 16 requests of 262144 bytes in flight, flush"* ]] ||
        { echo "$output"; return 1; }
    [[ "$output" == *"flush OK"* ]] || { echo "$output"; return 1; }
    vblk_check "$f"
    [ "$(stat -c %s "$f")" -eq $((32 * 1048576 + 1536)) ] || { echo "the image changed size"; return 1; }
}

@test "virtio: a device without a write cache offers no flush: solo5_block_flush is EUNSPEC" {
    need_virtio_guest vblk
    f=$BATS_TEST_TMPDIR/disk
    truncate -s $((8 * 1048576)) "$f"
    # write-cache=off with config-wce=off: QEMU leaves VIRTIO_BLK_F_FLUSH out
    q=$(qemu_blk_sed "$BATS_TEST_TMPDIR" 's/^virtio-blk-pci,.*/&,write-cache=off,config-wce=off/')
    QEMU=$q vrun -d "$f" -- "$GUEST/vblk.virtio"
    expect_virtio_success
    [[ "$output" == *"flush EUNSPEC"* ]] || { echo "$output"; return 1; }
    vblk_check "$f"
}

@test "virtio: 4096-byte logical blocks (VIRTIO_BLK_F_BLK_SIZE) are the device's block size" {
    need_virtio_guest vblk
    f=$BATS_TEST_TMPDIR/disk
    truncate -s $((8 * 1048576)) "$f"
    q=$(qemu_blk_sed "$BATS_TEST_TMPDIR" \
        's/^virtio-blk-pci,.*/&,logical_block_size=4096,physical_block_size=4096/')
    QEMU=$q vrun -d "$f" -- "$GUEST/vblk.virtio"
    expect_virtio_success
    [[ "$output" == *"capacity 8388608 block size 4096 max request 4194304"* ]] ||
        { echo "$output"; return 1; }
    vblk_check "$f"
}

@test "virtio: a read-only disk (-r) is read whole; writes are EINVAL; the file is unchanged" {
    need_virtio_guest vblk
    f=$BATS_TEST_TMPDIR/disk
    truncate -s $((4 * 1048576 + 512)) "$f"
    vrun -d "$f" -- "$GUEST/vblk.virtio"
    expect_virtio_success
    sum=$(sha256sum <"$f")
    vrun -r "$f" -- "$GUEST/vblk.virtio" ro
    expect_virtio_success
    [[ "$output" == *"virtio-blk 'storage' is read-only: writes are refused (EINVAL)"* ]] ||
        { echo "$output"; return 1; }
    [[ "$output" == *"write on read-only: EINVAL EINVAL"* ]] || { echo "$output"; return 1; }
    [ "$(sha256sum <"$f")" = "$sum" ] || { echo "the read-only disk changed"; return 1; }
    # the launcher opens it read-only: a file without write permission will do
    run timeout -k 5 "$VIRTIO_TIMEOUT" "$VRUN" -r "$f" "$MBEXIT" </dev/null
    [[ "$output" == *"filename=$f,read-only=on -blockdev driver=raw,node-name=disk0,file=file0,read-only=on "* ]] ||
        { echo "$output"; return 1; }
}

@test "virtio: an I/O error the device reports fails the request (no hang, no success)" {
    need_virtio_guest vblk
    f=$BATS_TEST_TMPDIR/disk
    truncate -s $((8 * 1048576)) "$f"
    # blkdebug between the raw node and the file: every request gets EIO
    q=$(qemu_blk_sed "$BATS_TEST_TMPDIR" 's/^driver=raw,node-name=disk0,file=file0$/driver=raw,node-name=disk0,file.driver=blkdebug,file.image=file0,file.inject-error.0.event=read_aio,file.inject-error.0.errno=5/')
    QEMU=$q vrun -d "$f" -- "$GUEST/vblk.virtio"
    not_hung
    [[ "$output" == *"FAILURE: write of an in-range request failed"* ]] || { echo "$output"; return 1; }
    [[ "$output" != *SUCCESS* ]] || { echo "$output"; return 1; }
}

@test "virtio: blk_multi: requests of one block to the maximum, refusals, flush; the bytes on the file" {
    need_virtio_guest blk_multi
    f=$BATS_TEST_TMPDIR/disk
    size=$(((1 << 20) + 5 * 4096))
    truncate -s $size "$f"
    # flush: OK once the driver negotiates VIRTIO_BLK_F_FLUSH, EUNSPEC before (spec 10.1)
    VIRTIO_TIMEOUT=300 vrun -d "$f" -- "$GUEST/blk_multi.virtio" any
    expect_virtio_success
    [[ "$output" == *"capacity $size block size 512 max request "* ]] || { echo "$output"; return 1; }
    [[ "$output" == *"passes "*" from 512 to "* ]] || { echo "$output"; return 1; }
    run "$KILN_TOP/build/tests/tools/blkmulti" "$f"
    echo "$output"
    [ "$status" -eq 0 ]
    [ "$(stat -c %s "$f")" -eq $size ] || { echo "the image changed size"; return 1; }
}

@test "virtio: disks named 'a b,c.img' and 'file:a' are those files (not ./a), byte for byte" {
    need_virtio_guest blk
    cd "$BATS_TEST_TMPDIR"
    truncate -s 4194304 "a b,c.img" "file:a"
    # ./a is what QEMU opened for file=file:a: it must stay as it is.
    printf 'not this disk' >a
    truncate -s 4194304 a
    cp a a.orig
    vrun -d "a b,c.img" -- "$GUEST/blk.virtio"
    expect_virtio_success
    blk_on_disk "a b,c.img" 512
    vrun -d file:a -- "$GUEST/blk.virtio"
    expect_virtio_success
    blk_on_disk file:a 512
    cmp a a.orig
}

@test "virtio: a kernel path with spaces, commas and a prefix boots it; ARGS stay the guest's" {
    need_virtio_guest hello
    mkdir "$BATS_TEST_TMPDIR/a dir"
    k="$BATS_TEST_TMPDIR/a dir/file:hello, the.virtio"
    cp "$GUEST/hello.virtio" "$k"
    vrun "$k" Hello_Solo5
    expect_virtio_success
    [[ "$output" == *"Command line is: 'Hello_Solo5'"* ]] || { echo "$output"; return 1; }
    # The command line QEMU gets names the kernel by the descriptor it is open on.
    run timeout -k 5 "$VIRTIO_TIMEOUT" "$VRUN" "$k" Hello_Solo5 </dev/null
    expect_virtio_success
    [[ "$output" == *"-kernel /dev/fd/4 -append Hello_Solo5 4<$k"* ]] || { echo "$output"; return 1; }
}

@test "virtio: a declared device left unattached aborts the boot" {
    need_virtio_guest blk
    vrun "$GUEST/blk.virtio"
    not_hung
    expect_status 0 "All declared devices must be attached"
    [[ "$output" != *SUCCESS* ]] || { echo "$output"; return 1; }
}

@test "virtio: net answers ARP and many pings of varied sizes through a tap, no loss" {
    need_virtio_guest net
    log=$BATS_TEST_TMPDIR/log
    vrun_bg "$log" -n tap100 -- "$GUEST/net.virtio" 2000
    for size in 0 56 1000 1472; do
        ping_ok 10.0.0.2 500 "$size"
    done
    wait_vrun "$log"
    expect_virtio_success
    [[ "$output" == *"replies: 2000"* ]] || { echo "$output"; return 1; }
}

@test "virtio: two NICs at once (net_2if), in slot order" {
    need_virtio_guest net_2if
    log=$BATS_TEST_TMPDIR/log
    vrun_bg "$log" -n tap100 -n tap101 -- "$GUEST/net_2if.virtio" 1000
    ping_ok 10.0.0.2 1000 100 &
    p1=$!
    ping_ok 10.1.0.2 1000 200
    wait $p1
    wait_vrun "$log"
    expect_virtio_success
    [[ "$output" == *"replies: 1000 1000"* ]] || { echo "$output"; return 1; }
}

@test "virtio: the lwIP stack comes up with --ipv4 before main and answers ping, fragmented too" {
    need_virtio_guest netstack
    log=$BATS_TEST_TMPDIR/log
    vrun_bg "$log" -n tap100 -- "$GUEST/netstack.virtio" 15 --ipv4=10.0.0.2/24 \
        --ipv4-gateway=10.0.0.1
    for _ in $(seq 600); do
        grep -q "^serving for" "$log" && break
        sleep 0.1
    done
    for size in 56 1472; do
        ping_ok 10.0.0.2 300 "$size"
    done
    PING_INTERVAL=0.05 ping_ok 10.0.0.2 5 3000
    wait_vrun "$log"
    expect_virtio_success
    [[ "$output" == *"net: service0: 10.0.0.2/24 gateway 10.0.0.1 mtu 1500 (static)"* ]] ||
        { echo "$output"; return 1; }
    [[ "$output" == *"argc=2 [15]"* ]] || { echo "$output"; return 1; }
}

@test "virtio: without RDRAND and RDSEED the lwIP stack refuses to start, in one line" {
    need_virtio_guest netstack
    QEMU=$(qemu_without_rng "$BATS_TEST_TMPDIR")
    export QEMU
    run in_ns timeout -k 5 "$VIRTIO_TIMEOUT" "$VRUN" -q -n tap100 -- \
        "$GUEST/netstack.virtio" 15 --ipv4=10.0.0.2/24 </dev/null
    not_hung
    [[ "$output" == *"net: no entropy source (this CPU has neither RDSEED nor RDRAND): the network stack will not start"* ]] ||
        { echo "$output"; return 1; }
    [[ "$output" != *"serving for"* && "$output" != *"(static)"* ]] || { echo "$output"; return 1; }
}

@test "virtio: net_mtu sees the host_mtu (9000) given with -n tap102:9000" {
    need_virtio_guest net_mtu
    run in_ns timeout -k 5 "$VIRTIO_TIMEOUT" "$VRUN" -q -n tap102:9000 -- "$GUEST/net_mtu.virtio" </dev/null
    expect_virtio_success
    [[ "$output" == *"MTU is 9000"* ]] || { echo "$output"; return 1; }
}

# ---- sockets: the examples and the client guest (tests/sockets.bats has the rest) ----

# vserve NAME: example NAME on virtio at 10.0.0.2 (tap100), in the background, serving.
vserve() {
    local log=$BATS_TEST_TMPDIR/$1.log
    vrun_bg "$log" -n tap100 -- "$KILN_TOP/build/examples/$1/$1.virtio" \
        --ipv4=10.0.0.2/24 || return 1
    guest_serving "$log" "$VRUN_PID" 600 || { echo "not serving: $(cat "$log")"; return 1; }
}

@test "virtio: sockets: curl fetches the http example's page, keep-alive" {
    need_virtio_guest sockets
    source "$KILN_TOP/tests/lib/sockets.sh"
    vserve http
    run in_ns curl -sS -m 60 -o /dev/null -o /dev/null -w '%{http_code}:%{num_connects} ' \
        http://10.0.0.2/ http://10.0.0.2/index.html
    expect_status 0 "200:1 200:0"
    run in_ns curl -sS -m 60 http://10.0.0.2/
    expect_status 0 "Hello from a Kiln unikernel"
}

@test "virtio: sockets: 8 MiB echoed through TCP (checksum), 100 connections, UDP echo" {
    need_virtio_guest sockets
    source "$KILN_TOP/tests/lib/sockets.sh"
    vserve echo
    peer=$KILN_TOP/build/tests/tools/sockpeer
    run in_ns timeout 120 "$peer" echo 10.0.0.2 7 8388608
    expect_status 0 "echoed 8388608 of 8388608 bytes"
    run in_ns timeout 120 "$peer" many 10.0.0.2 7 100
    expect_status 0 "100 of 100 connections echoed"
    run in_ns timeout 60 "$peer" udp 10.0.0.2 7 100
    expect_status 0 "100 of 100 datagrams echoed"
}

@test "virtio: sockets: a client unikernel connects out, and is refused on a closed port" {
    need_virtio_guest sockets
    peer=$KILN_TOP/build/tests/tools/sockpeer
    ip netns exec "$KILN_NS" timeout 120 "$peer" serve 9001 hello >/dev/null 2>&1 &
    sleep 0.5
    vrun_bg "$BATS_TEST_TMPDIR/log" -n tap100 -- "$GUEST/sockets.virtio" \
        --ipv4=10.0.0.2/24 hello 10.0.0.1 9001
    wait_vrun "$BATS_TEST_TMPDIR/log"
    expect_virtio_success
    [[ "$output" == *"answered by 10.0.0.1:9001"* ]] || { echo "$output"; return 1; }
    vrun_bg "$BATS_TEST_TMPDIR/log2" -n tap100 -- "$GUEST/sockets.virtio" \
        --ipv4=10.0.0.2/24 refused 10.0.0.1 9002
    wait_vrun "$BATS_TEST_TMPDIR/log2"
    expect_virtio_success
}
