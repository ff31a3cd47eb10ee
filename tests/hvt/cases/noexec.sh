#!/bin/sh
# A unikernel executed directly on the host is refused (its interpreter does not exist).
. "$(dirname "$0")/../lib.sh"
status=0
output=$("$KILN_GUEST/hello.hvt" Hello_Solo5 2>&1) || status=$?
echo "status $status, output: $output"
[ "$status" -eq 127 ] || fail "status $status, want 127"
case $output in
*"No such file or directory"* | *"required file not found"* | *"not found"*) ;;
*) fail "no 'not found' in the output" ;;
esac
