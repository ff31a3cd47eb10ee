#!/bin/sh
# zlib's own example program (tests/zlib/rules.mk: test/example.c, Z_SOLO) passes every test on hvt.
. "$(dirname "$0")/../lib.sh"
hvt_run -- "$KILN_GUEST/zlib_example.hvt"
expect_status 0
expect_line "zlib version 1\.2\.13 = 0x12d0, compile flags = 0x[0-9a-f]+"
expect_line "inflate\(\): hello, hello!"
expect_line "large_inflate\(\): OK"
expect_line "after inflateSync\(\): hello, hello!"
expect_line "inflate with dictionary: hello, hello!"
