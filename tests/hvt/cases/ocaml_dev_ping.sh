#!/bin/sh
# The OCaml ping responder (examples/ocaml-ping, packages solo5 and solo5.lwt) answers ARP and pings on tap100 on hvt, none lost.
. "$(dirname "$0")/../lib.sh"
net_setup
n=$((1000 / NET_SCALE))
hvt_bg "$KILN_TMP/log" --net:service=tap100 -- "$KILN_GUEST/example_ocaml_ping.hvt" --count=$((2 * n))
ping_ok 10.0.0.2 "$n" 56
ping_ok 10.0.0.2 "$n" 1472
wait_hvt "$KILN_TMP/log"
expect_status 0 "ping: done, replies: $((2 * n))"
