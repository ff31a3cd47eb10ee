#!/bin/sh
# /dev/kvm opens, KVM_CREATE_VM works and a vCPU runs guest code (OUT, then HLT).
. "$(dirname "$0")/../lib.sh"
echo "mode: $KILN_HVT_MODE"
"$KILN_KVMCHECK" || fail "kvmcheck failed"
