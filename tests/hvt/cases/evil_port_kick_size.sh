#!/bin/sh
# With the ring offered, only a 4-byte OUT to 0x600 is a kick (100000 of them, any value,
# do no harm and a read still completes); outb/outw/inl on 0x600 and outl to 0x601 are
# invalid port accesses, exit 1.
. "$(dirname "$0")/../lib.sh"
net_setup
img "$KILN_TMP/disk" 65536
evil() {
    hvt_run_ns --block:storage="$KILN_TMP/disk" --net:service0=tap100 -- \
        "$KILN_GUEST/evil_net.hvt" ring-check , "$@"
}
evil kicks 100000 , rsub 2 2 buf 2048 9 , rcom 9 =any
expect_success
expect_text "evil: kicks sent: 0x186a0"
for io in "outb 0x600" "outw 0x600" "inl 0x600" "outl 0x601 0"; do
    # shellcheck disable=SC2086
    evil $io
    expect_status 1
    expect_no_text SUCCESS
    port=${io#* }
    expect_line "solo5-hvt: Invalid guest port access: port=${port% *}, rip=0x[0-9a-f]+"
done
