#!/bin/sh
# The test network: a namespace with tap100, tap101 and tap102 (MTU 9000), addresses up.
. "$(dirname "$0")/../lib.sh"
net_setup
in_ns ip -o addr show dev tap100 | grep -q 'inet 10.0.0.1/24' || fail "tap100 has no 10.0.0.1/24"
in_ns ip -o addr show dev tap101 | grep -q 'inet 10.1.0.1/24' || fail "tap101 has no 10.1.0.1/24"
in_ns ip -o link show dev tap102 | grep -q 'mtu 9000' || fail "tap102 has not MTU 9000"
ping_ok 10.0.0.1 100 56
ping_ok 10.1.0.1 100 1000
