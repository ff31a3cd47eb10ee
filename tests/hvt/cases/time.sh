#!/bin/sh
# Clocks advance, a past deadline returns at once, 5 x 1 s yields, wall clock after 2017.
. "$(dirname "$0")/../lib.sh"
hvt_run "$KILN_GUEST/time.hvt"
expect_success
