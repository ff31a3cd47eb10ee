#!/bin/sh
# A manifest note whose n_descsz is 1 (the reference's fuzzed buggyelf) is refused.
. "$(dirname "$0")/../lib.sh"
f=$KILN_TMP/buggy.hvt
cp "$KILN_GUEST/hello.hvt" "$f"
off=$(note_offset "$f" 827606605) || fail "no MFT1 note in hello.hvt" # 0x3154464d
put_bytes "$f" $((off + 4)) 001 000 000 000
hvt_run "$f"
expect_status 1 "note does not fall within valid size"
