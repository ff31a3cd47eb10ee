#!/bin/sh
# IN from a hypercall port (inl 0x500, inb 0x502, inw 0x508) is refused: "Invalid guest
# port access" naming the port, exit 1.
. "$(dirname "$0")/../lib.sh"
for io in "inl 0x500" "inb 0x502" "inw 0x508"; do
    # shellcheck disable=SC2086
    hvt_run_mem 8 "$KILN_GUEST/evil_nodev.hvt" $io
    expect_status 1
    expect_no_text "evil: in"
    expect_line "solo5-hvt: Invalid guest port access: port=${io#* }, rip=0x[0-9a-f]+"
done
