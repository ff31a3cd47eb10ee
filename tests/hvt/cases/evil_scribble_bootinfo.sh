#!/bin/sh
# The guest overwrites its boot info, manifest copy and command line (read-only to it,
# but a BLOCK_READ may land there) and WALLTIME scribbles on mem_size: the tender goes by
# its own copies, so the block device still works, the net hypercalls stay unknown, and
# guest memory still ends at 8 MiB.
. "$(dirname "$0")/../lib.sh"
img "$KILN_TMP/disk" 65536
evil_run blkread 1 0 0x10000 512 =0 , blkread 1 512 buf 512 =0 , at walltime 0x10000 , \
    puts 0x800000 1
expect_status 1 "evil: blkread ret=0"
expect_line "solo5-hvt: [a-z0-9_]+\.c:[0-9]+: Invalid guest access: gpa=0x800000, sz=1"
evil_run blkread 1 0 0x10000 512 =0 , hc 7 buf
expect_status 1
expect_line "solo5-hvt: Invalid guest hypercall: num=7"
