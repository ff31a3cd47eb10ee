#!/bin/sh
# Runs an example unikernel on the best tender this host has: hvt on hardware KVM,
# else spt. BINARY is the .spt image; its .hvt twin sits next to it.
set -eu
if [ $# -ne 1 ]; then
    echo "usage: $0 BINARY" >&2
    exit 1
fi
top=$(cd "$(dirname "$0")/.." && pwd)
bin=$top/build/stage/bin
kernel=$1

if "$top/scripts/kvm-usable" && [ -f "${kernel%.spt}.hvt" ]; then
    echo "run-example: running on solo5-hvt (KVM)" >&2
    exec "$bin/solo5-hvt" --mem=2 "${kernel%.spt}.hvt" "Hello from Kiln"
fi
echo "run-example: no hardware KVM here; running on solo5-spt" >&2
exec "$bin/solo5-spt" --mem=2 "$kernel" "Hello from Kiln"
