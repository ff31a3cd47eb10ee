#!/bin/sh
# 63 block devices (the manifest's maximum) attach and the first and last work;
# a 64th name is not in the manifest.
. "$(dirname "$0")/../lib.sh"
args=
for i in $(seq 0 62); do
    img "$KILN_TMP/d$i" 4096
    args="$args --block:storage$i=$KILN_TMP/d$i"
done
# shellcheck disable=SC2086
hvt_run $args -- "$KILN_GUEST/maxdev.hvt"
expect_success
# shellcheck disable=SC2086
hvt_run $args --block:storage63="$KILN_TMP/d0" -- "$KILN_GUEST/maxdev.hvt"
expect_status 1 "Resource not declared in manifest: 'storage63'"
