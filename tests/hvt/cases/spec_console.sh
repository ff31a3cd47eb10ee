#!/bin/sh
# The tender solo5-hvt-configure made for hello (core only) passes hello's own case.
KILN_HVT_TENDER=$KILN_TENDERS/solo5-hvt-hello
. "$(dirname "$0")/hello.sh"
