#!/usr/bin/env bats
# The network stack (net/, lwIP) on spt: interfaces up before main, ping, options, idle CPU.
load helpers

setup_file() {
    export KILN_NS=kilnst$$
    "$KILN_TOP/scripts/kiln-netns" create "$KILN_NS"
}

teardown() {
    kill_spt
    for p in ${DNSMASQ_PIDS-}; do kill "$p" 2>/dev/null || true; done
}

teardown_file() {
    "$KILN_TOP/scripts/kiln-netns" destroy "$KILN_NS"
}

# stack_bg LOG ARGS...: starts the netstack guest like spt_bg, then waits until main runs.
stack_bg() {
    local log=$1
    spt_bg "$@" || return 1
    for _ in $(seq 400); do
        grep -q "^serving for" "$log" && return 0
        kill -0 "$SPT_PID" 2>/dev/null || break
        sleep 0.1
    done
    echo "main did not start: $(cat "$log")"
    return 1
}

# dnsmasq_bg TAP ADDR GATEWAY: a DHCP server on TAP in the namespace, in the background,
# with one address to lease.
dnsmasq_bg() {
    in_ns dnsmasq --no-daemon --conf-file=/dev/null --port=0 --bind-interfaces \
        --interface="$1" --dhcp-range="$2,$2,255.255.255.0,1h" --dhcp-option=3,"$3" \
        --dhcp-leasefile="$BATS_TEST_TMPDIR/leases.$1" --user=root --group=root \
        --pid-file= >"$BATS_TEST_TMPDIR/dnsmasq.$1.log" 2>&1 &
    DNSMASQ_PIDS="${DNSMASQ_PIDS-} $!"
}

@test "netstack: --ipv4 brings the interface up before main; ping of every size, fragments too" {
    log=$BATS_TEST_TMPDIR/log
    stack_bg "$log" --net:service0=tap100 -- "$GUEST/netstack.spt" 6 \
        --ipv4=10.0.0.2/24 --ipv4-gateway=10.0.0.1
    grep -q "net: service0: 10.0.0.2/24 gateway 10.0.0.1 mtu 1500 (static)" "$log"
    for size in 0 56 1000 1472; do
        ping_ok 10.0.0.2 500 $size
    done
    # larger than the MTU: lwIP reassembles the request and fragments the reply
    PING_INTERVAL=0.01 ping_ok 10.0.0.2 20 3000
    PING_INTERVAL=0.01 ping_ok 10.0.0.2 5 8000
    wait_spt "$log"
    expect_success
}

@test "netstack: the interface takes the device's MTU (9000): big pings, not fragmented" {
    log=$BATS_TEST_TMPDIR/log
    stack_bg "$log" --net:service0=tap102 -- "$GUEST/netstack.spt" 4 --ipv4=10.2.0.2/24
    grep -q "net: service0: 10.2.0.2/24 gateway 0.0.0.0 mtu 9000 (static)" "$log"
    # -M do: the host may not fragment, so 8972 bytes go in one 9000-byte packet
    out=$(in_ns ping -q -M do -c 20 -i 0.01 -s 8972 -W 5 10.2.0.2 2>&1) || { echo "$out"; return 1; }
    [[ "$out" == *"20 packets transmitted, 20 received, 0% packet loss"* ]] || { echo "$out"; return 1; }
    wait_spt "$log"
    expect_success
}

@test "netstack: main's argv lacks the --ipv4 options, keeps the rest in order" {
    log=$BATS_TEST_TMPDIR/log
    stack_bg "$log" --net:service0=tap100 -- "$GUEST/netstack.spt" 0 one \
        --ipv4=10.0.0.2/24 two --ipv4-gateway=10.0.0.1 --ipv4x three
    wait_spt "$log"
    expect_success
    [[ "$output" == *"argc=6 [0] [one] [two] [--ipv4x] [three]"* ]]
}

@test "netstack: malformed --ipv4 options and unknown devices end the program before main" {
    for bad in --ipv4=10.0.0.256/24 --ipv4=10.0.0.2/33 --ipv4=10.0.0.2 \
        --ipv4=10.0.0/24 --ipv4-gateway=10.0.0.1.1 --ipv4=1x.0.0.2/24; do
        run in_ns "$SPT" --mem=8 --net:service0=tap100 -- "$GUEST/netstack.spt" 0 "$bad"
        expect_status 1 "net: $bad: malformed address"
        [[ "$output" != *serving* ]]
    done
    run in_ns "$SPT" --mem=8 --net:service0=tap100 -- "$GUEST/netstack.spt" 0 \
        --ipv4:service9=10.0.0.2/24
    expect_status 1 "net: --ipv4:service9=10.0.0.2/24: no such network device"
}

@test "netstack: an idle unikernel uses no CPU (spt process CPU time over 5 s)" {
    log=$BATS_TEST_TMPDIR/log
    stack_bg "$log" --net:service0=tap100 -- "$GUEST/netstack.spt" 9 \
        --ipv4=10.0.0.2/24
    ping_ok 10.0.0.2 3 56
    # utime + stime, in clock ticks, of the tender (the guest runs in it)
    cpu() { awk '{ print $14 + $15 }' "/proc/$SPT_PID/stat"; }
    t0=$(cpu)
    sleep 5
    t1=$(cpu)
    ticks=$(getconf CLK_TCK)
    echo "CPU over 5 s: $((t1 - t0)) ticks of 1/$ticks s"
    # at most 1% of the 5 s: a guest polling in a loop would use all of them
    [ $(((t1 - t0) * 100)) -le $((5 * ticks)) ]
    ping_ok 10.0.0.2 3 56
    wait_spt "$log"
    expect_success
}

@test "netstack: a ping flood of large fragmented requests exhausts no pool for good" {
    log=$BATS_TEST_TMPDIR/log
    stack_bg "$log" --net:service0=tap100 -- "$GUEST/netstack.spt" 12 \
        --ipv4=10.0.0.2/24
    # a request of 60000 bytes is 41 fragments, each a pbuf held until it is
    # reassembled: several floods at once take every pbuf of the pool
    pids=
    for _ in 1 2 3; do
        in_ns timeout 4 ping -f -s 60000 10.0.0.2 >/dev/null 2>&1 &
        pids="$pids $!"
    done
    in_ns timeout 4 ping -f -s 1400 10.0.0.2 >/dev/null 2>&1 || true
    wait $pids || true
    # still answering, every reply back
    ping_ok 10.0.0.2 200 56
    PING_INTERVAL=0.01 ping_ok 10.0.0.2 5 3000
    wait_spt "$log"
    expect_success
}

# ---- the checksum, unit tested against lwIP's own ---------------------------------

@test "netstack: net_chksum equals lwIP's lwip_standard_chksum (offsets 0-15, lengths 0-3000, 64 KiB, all-0xff)" {
    run "$UNIT/test_net_chksum"
    expect_status 0 "PASSED"
}

@test "netstack: only a program that calls into the network links lwIP and the port" {
    run nm "$GUEST/netstack.spt"
    [[ "$output" == *" T lwip_init"* ]] && [[ "$output" == *" T net_main_args"* ]]
    run nm "$GUEST/libc.spt"
    [ "$status" -eq 0 ]
    [[ "$output" != *lwip_* ]] && [[ "$output" != *net_main_args* ]]
}

@test "netstack: without --ipv4 the interface takes a DHCP lease (dnsmasq) before main" {
    log=$BATS_TEST_TMPDIR/log
    dnsmasq_bg tap100 10.0.0.50 10.0.0.1
    stack_bg "$log" --net:service0=tap100 --net-mac:service0=02:4b:49:4c:4e:05 -- \
        "$GUEST/netstack.spt" 4
    grep -q "net: service0: 10.0.0.50/24 gateway 10.0.0.1 mtu 1500 (DHCP)" "$log" ||
        { cat "$log" "$BATS_TEST_TMPDIR/dnsmasq.tap100.log"; return 1; }
    ping_ok 10.0.0.50 100 56
    grep -q "02:4b:49:4c:4e:05 10.0.0.50" "$BATS_TEST_TMPDIR/leases.tap100"
    wait_spt "$log"
    expect_success
}

@test "netstack: two interfaces, each configured by name or the first by default" {
    log=$BATS_TEST_TMPDIR/log
    stack_bg "$log" --net:service0=tap100 --net:service1=tap101 -- \
        "$GUEST/netstack_2if.spt" 4 --ipv4:service1=10.1.0.2/24 --ipv4=10.0.0.2/24 \
        --ipv4-gateway:service1=10.1.0.1
    grep -q "net: service0: 10.0.0.2/24 gateway 0.0.0.0 mtu 1500 (static)" "$log"
    grep -q "net: service1: 10.1.0.2/24 gateway 10.1.0.1 mtu 1500 (static)" "$log"
    ping_ok 10.0.0.2 100 56
    ping_ok 10.1.0.2 100 56
    wait_spt "$log"
    expect_success
    [[ "$output" == *"argc=2 [4]"* ]]
}

@test "netstack: two interfaces, one static, the other by DHCP" {
    log=$BATS_TEST_TMPDIR/log
    dnsmasq_bg tap101 10.1.0.77 10.1.0.1
    stack_bg "$log" --net:service0=tap100 --net:service1=tap101 -- \
        "$GUEST/netstack_2if.spt" 4 --ipv4:service0=10.0.0.2/24
    grep -q "net: service0: 10.0.0.2/24 gateway 0.0.0.0 mtu 1500 (static)" "$log"
    grep -q "net: service1: 10.1.0.77/24 gateway 10.1.0.1 mtu 1500 (DHCP)" "$log" ||
        { cat "$log"; return 1; }
    ping_ok 10.0.0.2 100 56
    ping_ok 10.1.0.77 100 56
    wait_spt "$log"
    expect_success
}

@test "netstack: the installed toolchain builds a program with <kiln/net.h> and lwIP's headers" {
    T=$BATS_TEST_TMPDIR
    make -s -C "$KILN_TOP" install PREFIX="$T/kiln" DESTDIR= >/dev/null
    cat >"$T/prog.c" <<'C'
#include <stdio.h>
#include <kiln/net.h>
#include <lwip/netif.h>
int main(void)
{
    if (kiln_net_up() != 0)
        return 2;
    printf("default %s\n", ip4addr_ntoa(netif_ip4_addr(netif_default)));
    return 0;
}
C
    cd "$T"
    kiln/bin/solo5-elftool gen-manifest "$KILN_TOP/tests/guest/netstack/manifest.json" manifest.c
    kiln/bin/x86_64-solo5-none-static-cc -c manifest.c
    kiln/bin/x86_64-solo5-none-static-cc --specs=picolibc.specs -O2 -Wall -Wextra -Werror -c prog.c
    kiln/bin/x86_64-solo5-none-static-cc --specs=picolibc.specs -z solo5-abi=spt \
        -o prog.spt prog.o manifest.o
    run in_ns kiln/bin/solo5-spt --mem=4 --net:service0=tap100 -- prog.spt --ipv4=10.0.0.9/24
    expect_status 0 "default 10.0.0.9"
}

@test "netstack: with no DHCP server, main runs after a 30 s wait, saying so" {
    start=$(date +%s)
    run in_ns timeout 90 "$SPT" --mem=8 --net:service0=tap100 -- "$GUEST/netstack.spt" 0
    took=$(($(date +%s) - start))
    expect_success
    [[ "$output" == *"net: service0: no DHCP lease yet, still asking"*"serving for 0 s"* ]]
    [ "$took" -ge 29 ] && [ "$took" -le 60 ] || { echo "took $took s"; return 1; }
}
