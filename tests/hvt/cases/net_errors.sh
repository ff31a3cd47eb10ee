#!/bin/sh
# Attaching taps: each error is one line naming what is wrong, exit 1.
. "$(dirname "$0")/../lib.sh"
net_setup
# one_line: the run printed a single line.
one_line() {
    [ "$(printf '%s\n' "$output" | wc -l)" -eq 1 ] || fail "more than one line"
}
hvt_run_ns --net:service0=nosuchtap0 -- "$KILN_GUEST/net.hvt"
expect_status 1 "Could not attach interface: nosuchtap0"
one_line
hvt_run_ns --net:service0=@99 -- "$KILN_GUEST/net.hvt"
expect_status 1 "Could not attach interface: @99: not a tap device"
hvt_run_ns --net:service0=tap100 --net:service0=tap101 -- "$KILN_GUEST/net.hvt"
expect_status 1 "Device 'service0' attached more than once"
hvt_run_ns --net:service0=tap100 --net-mac:service0=02:00:00:00:00 -- "$KILN_GUEST/net.hvt"
expect_status 1 "Malformed argument to --net-mac:service0"
hvt_run_ns -- "$KILN_GUEST/net.hvt"
expect_status 1 "Device 'service0' of type NET_BASIC declared but not attached."
one_line
hvt_run_ns --net:service0=tap100 -- "$KILN_GUEST/net_2if.hvt"
expect_status 1 "Device 'service1' of type NET_BASIC declared but not attached."
one_line
