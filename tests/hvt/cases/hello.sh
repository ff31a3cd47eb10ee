#!/bin/sh
# hello prints its command line; SUCCESS only if it is Hello_Solo5.
. "$(dirname "$0")/../lib.sh"
hvt_run "$KILN_GUEST/hello.hvt" Hello_Solo5
expect_success
expect_text "Command line is: 'Hello_Solo5'"
expect_text "Solo5: Bindings version "
hvt_run "$KILN_GUEST/hello.hvt" Goodbye
expect_status 1 "Command line is: 'Goodbye'"
