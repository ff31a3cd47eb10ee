#!/bin/sh
# BLOCK_FLUSH (spec 10.1): bad handles (0, 2, 63, 64, 2^32 + 1, 2^64 - 1) return EINVAL
# (2) and the guest goes on; its struct at the last byte of memory, straddling the end,
# past it, at 0xffffffff, misaligned or in code is refused (exit 1, the exact message);
# one that exactly fits is served; without a block device it is not a hypercall.
. "$(dirname "$0")/../lib.sh"
denied() {
    expect_status 1
    expect_no_text SUCCESS
    expect_line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=$1, sz=$2${3-}"
}
img "$KILN_TMP/disk" 65536
cmds=
for h in 0 2 63 64 0x100000001 0xffffffffffffffff; do
    cmds="$cmds blkflush $h =2 ,"
done
# shellcheck disable=SC2086
evil_run $cmds blkflush 1 =0
expect_success
[ "$(printf '%s\n' "$output" | grep -Ec '^evil: blkflush ret=2$')" -eq 6 ] ||
    fail "not 6 EINVAL results"
[ "$(printf '%s\n' "$output" | grep -Ec '^evil: blkflush ret=0$')" -eq 1 ] ||
    fail "handle 1 did not flush"
evil_run at blkflush last
denied 0x7fffff 16
evil_run at blkflush straddle
denied 0x7ffff8 16
evil_run at blkflush past
denied 0x800000 16
evil_run at blkflush top
denied 0xffffffff 16
evil_run at blkflush buf+4
denied '0x[0-9a-f]+' 16 ' \(misaligned\)'
evil_run at blkflush text
denied 0x100000 16 ' \(write to read-only memory\)'
evil_run at blkflush fit
expect_success
expect_text "evil: blkflush struct at 0x7ffff0"
expect_text "evil: blkflush returned, ret=0"
hvt_run_mem 8 "$KILN_GUEST/evil_nodev.hvt" hc 9 buf
expect_status 1
expect_no_text "evil: hypercall returned"
expect_line "solo5-hvt: Invalid guest hypercall: num=9"
