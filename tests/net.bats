#!/usr/bin/env bats
# spt network devices on real taps inside a private network namespace.
load helpers

setup_file() {
    export KILN_NS=kiln$$
    "$KILN_TOP/scripts/kiln-netns" create "$KILN_NS"
}

teardown() {
    kill_spt
}

teardown_file() {
    "$KILN_TOP/scripts/kiln-netns" destroy "$KILN_NS"
}

@test "net: guest answers ARP and many pings of varied sizes, no loss" {
    log=$BATS_TEST_TMPDIR/log
    spt_bg "$log" --net:service0=tap100 -- "$GUEST/net.spt" 8000
    for size in 0 56 1000 1472; do
        ping_ok 10.0.0.2 2000 $size
    done
    wait_spt "$log"
    expect_success
    [[ "$output" == *"replies: 8000"* ]]
}

@test "net: two interfaces at once" {
    log=$BATS_TEST_TMPDIR/log
    spt_bg "$log" --net:service0=tap100 --net:service1=tap101 -- "$GUEST/net_2if.spt" 3000
    ping_ok 10.0.0.2 3000 100 &
    p1=$!
    ping_ok 10.1.0.2 3000 200
    wait $p1
    wait_spt "$log"
    expect_success
    [[ "$output" == *"replies: 3000 3000"* ]]
}

@test "net: the guest sees the tap's MTU (9000)" {
    run in_ns "$SPT" --mem=2 --net:service0=tap102 -- "$GUEST/net_mtu.spt"
    expect_success
    [[ "$output" == *"MTU is 9000"* ]]
    run in_ns "$SPT" --mem=2 --net:service0=tap100 -- "$GUEST/net_mtu.spt"
    [[ "$output" == *"MTU is 1500"* ]]
}

@test "net: --net-mac sets the guest's MAC, seen on the wire" {
    log=$BATS_TEST_TMPDIR/log
    spt_bg "$log" --net:service0=tap100 --net-mac:service0=02:4b:49:4c:4e:01 -- "$GUEST/net.spt" 3
    ping_ok 10.0.0.2 2 56
    # read the neighbour table while the tap is up: link down flushes it
    run in_ns ip neigh show 10.0.0.2 dev tap100
    [[ "$output" == *"02:4b:49:4c:4e:01"* ]]
    ping_ok 10.0.0.2 1 56
    wait_spt "$log"
    expect_success
}

@test "net: attach by inherited descriptor (--net:NAME=@FD)" {
    log=$BATS_TEST_TMPDIR/log
    # bash opens the tap for us: exec'ing with fd 5 on /dev/net/tun is not enough,
    # so a tiny helper attaches it (TUNSETIFF) and execs the tender.
    in_ns "$KILN_TOP/build/tests/tools/tapfd" tap100 5 \
        "$SPT" --mem=8 --net:service0=@5 -- "$GUEST/net.spt" 100 >"$log" 2>&1 &
    SPT_PID=$!
    wait_started "$log"
    ping_ok 10.0.0.2 100 56
    wait_spt "$log"
    expect_success
}

@test "net: a guest flooding the tap does not hurt the tender" {
    run in_ns timeout 120s "$SPT" --mem=2 --net:service0=tap100 -- "$GUEST/net_flood.spt" 200000
    expect_success
}

@test "net: errors attaching taps" {
    run in_ns "$SPT" --net:service0=nosuchtap0 "$GUEST/net.spt"
    expect_status 1 "Could not attach interface: nosuchtap0"
    run in_ns "$SPT" --net:service0=@99 "$GUEST/net.spt"
    expect_status 1 "Could not attach interface: @99: not a tap device"
    run in_ns "$SPT" --net:service0=tap100 --net:service0=tap101 "$GUEST/net.spt"
    expect_status 1 "Device 'service0' attached more than once"
    run in_ns "$SPT" --net:service0=tap100 --net-mac:service0=02:00:00:00:00 "$GUEST/net.spt"
    expect_status 1 "Malformed argument to --net-mac:service0"
    run in_ns "$SPT" "$GUEST/net.spt"
    expect_status 1 "Device 'service0' of type NET_BASIC declared but not attached."
    run in_ns "$SPT" --net:service0=tap100 "$GUEST/net_2if.spt"
    expect_one_line 1 "solo5-spt: Device 'service1' of type NET_BASIC declared but not attached."
}

@test "net: seccomp allows read/write on the tap fd only" {
    run in_ns "$SPT" --mem=2 --net:service0=tap100 -- "$GUEST/syscalls_net.spt" net-read-ok
    expect_status 0 "ALLOWED"
    run in_ns "$SPT" --mem=2 --net:service0=tap100 -- "$GUEST/syscalls_net.spt" net-write-ok
    expect_status 0 "ALLOWED"
    run in_ns "$SPT" --mem=2 --net:service0=tap100 -- "$GUEST/syscalls_net.spt" net-read-otherfd
    expect_status 159
    run in_ns "$SPT" --mem=2 --net:service0=tap100 -- "$GUEST/syscalls_net.spt" net-write-otherfd
    expect_status 159
}

@test "net: mixed device types, handles are manifest indices, all usable at once" {
    log=$BATS_TEST_TMPDIR/log
    f=$BATS_TEST_TMPDIR/disk
    truncate -s 1M "$f"
    spt_bg "$log" --net:service1=tap101 --block:storage="$f" \
        --net:service0=tap100 -- "$GUEST/mixed.spt" 500
    ping_ok 10.0.0.2 500 56
    ping_ok 10.1.0.2 500 56
    wait_spt "$log"
    expect_success
    # the guest stamped block 0 with the reply count: 1000 = 0xe8 in the low byte
    [ "$(od -An -t u1 -N 1 "$f" | tr -d ' ')" -eq $((1000 & 255)) ]
}
