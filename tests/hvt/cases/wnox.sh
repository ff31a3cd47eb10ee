#!/bin/sh
# Code in .data runs on hvt under Linux/KVM: the guest page tables carry no NX bit
# (EFER.NXE clear, spec 4.8) and KVM ignores the host's PROT_EXEC, so nothing can stop
# it (the reference runs this test on OpenBSD only). This pins that known limit: the
# guest reports the code ran and exits 1. If the bindings ever enforce NX, expect_abort.
. "$(dirname "$0")/../lib.sh"
hvt_run "$KILN_GUEST/wnox.hvt"
expect_status 1 "FAILURE: code in .data ran"
