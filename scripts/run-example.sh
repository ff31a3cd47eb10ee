#!/bin/sh
# Runs an example unikernel (BINARY, built for spt) on the best tender this host has.
set -eu
if [ $# -ne 1 ]; then
    echo "usage: $0 BINARY" >&2
    exit 1
fi
bin=$(cd "$(dirname "$0")/.." && pwd)/build/stage/bin
kernel=$1

# The one place that picks the target. solo5-hvt (KVM) will win on hosts with
# a usable /dev/kvm once it and a BINARY.hvt twin exist; until then, spt.
if [ -x "$bin/solo5-hvt" ] && [ -r /dev/kvm ] && [ -w /dev/kvm ] &&
    [ -f "${kernel%.spt}.hvt" ]; then
    exec "$bin/solo5-hvt" "${kernel%.spt}.hvt" "Hello from Kiln"
fi
exec "$bin/solo5-spt" "$kernel" "Hello from Kiln"
