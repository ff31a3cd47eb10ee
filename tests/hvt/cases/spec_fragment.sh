#!/bin/sh
# The example hello and its tender, both built by the example's Makefile with the
# fragment of solo5-hvt-configure --makefile: the tender runs it.
. "$(dirname "$0")/../lib.sh"
HVT=$KILN_TENDERS/frag/solo5-hvt-hello
hvt_run "$KILN_TENDERS/frag/hello.hvt" one two
expect_status 0
expect_text 'Hello, world! This is a Kiln unikernel.'
expect_text 'My command line is: "one two"'
