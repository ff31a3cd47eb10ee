#!/bin/sh
# A bss-only PT_LOAD (p_filesz 0, which the shared loader skips) whose p_memsz reaches
# into the net ring's area at the top of guest memory is refused in one line, exit 1,
# before the guest runs; the same image runs without the ring (--no-net-ring), where
# that memory is the guest's; reaching past the end of guest memory is refused too.
. "$(dirname "$0")/../lib.sh"
f=$KILN_TMP/bigbss.hvt
cp "$KILN_GUEST/evil_net.hvt" "$f"
# put_u64 FILE OFFSET VALUE: a little-endian 64-bit field.
put_u64() {
    i=0 s=
    while [ $i -lt 8 ]; do
        s="$s $(printf '%03o' $((($3 >> (8 * i)) & 255)))"
        i=$((i + 1))
    done
    # shellcheck disable=SC2086
    put_bytes "$1" "$2" $s
}
# The bss: the PT_LOAD with no file contents and some memory.
phoff=$(u64 "$f" 32)
phnum=$(u16 "$f" 56)
i=0 ph=
while [ "$i" -lt "$phnum" ]; do
    p=$((phoff + 56 * i))
    if [ "$(u32 "$f" "$p")" -eq 1 ] && [ "$(u64 "$f" $((p + 32)))" -eq 0 ] &&
        [ "$(u64 "$f" $((p + 40)))" -gt 0 ]; then
        ph=$p
        break
    fi
    i=$((i + 1))
done
[ -n "$ph" ] || fail "no bss-only PT_LOAD in evil_net.hvt"
vaddr=$(u64 "$f" $((ph + 16)))
top=$((8 * 1048576))
net_setup
img "$KILN_TMP/disk" 65536
run8() {
    HVT_WRAP="ip netns exec $KILN_NS"
    hvt_run_mem 8 --block:storage="$KILN_TMP/disk" --net:service0=tap100 "$@"
    HVT_WRAP=
}
# The bss ends at the top of the 8 MiB: over the ring's 52 KiB.
put_u64 "$f" $((ph + 40)) $((top - vaddr))
run8 -- "$f"
expect_status 1
expect_no_text "Kiln standalone"
expect_line "solo5-hvt: $f: invalid executable: segment at $(printf '0x%x' "$vaddr") of $(printf '0x%x' $((top - vaddr))) bytes reaches outside \[0x100000, $(printf '0x%x' $((top - 53248)))\) \(reserved memory starts there\)"
[ "$(printf '%s\n' "$output" | grep -c .)" -eq 1 ] || fail "more than one line"
# One byte into the ring is one too many; ending right below it is fine.
put_u64 "$f" $((ph + 40)) $((top - 53248 - vaddr + 1))
run8 -- "$f"
expect_status 1 "invalid executable"
put_u64 "$f" $((ph + 40)) $((top - 53248 - vaddr))
run8 -- "$f"
expect_success
# Without the ring, all 8 MiB are the guest's.
put_u64 "$f" $((ph + 40)) $((top - vaddr))
run8 --no-net-ring -- "$f"
expect_success
put_u64 "$f" $((ph + 40)) $((top - vaddr + 4096))
run8 --no-net-ring -- "$f"
expect_status 1 "reaches outside [0x100000, 0x800000)"
