#!/bin/sh
# Runs libFuzzer targets for SECONDS each from their seed corpora; exits 1 if any of them fails.
# Usage: tests/fuzz/run.sh SECONDS BIN...
# New inputs go to a scratch copy under build/, never into the committed corpus.
set -u
[ $# -ge 2 ] || { echo "usage: $0 SECONDS BIN..." >&2; exit 1; }
cd "$(dirname "$0")/../.."
secs=$1
shift
work=build/tests/fuzz/work
failed=
for bin in "$@"; do
    name=$(basename "$bin")
    seeds=tests/fuzz/corpus/$name
    scratch=$work/$name
    rm -rf "$scratch" "$work/$name-artifacts"
    mkdir -p "$scratch" "$work/$name-artifacts"
    [ -d "$seeds" ] && cp -R "$seeds/." "$scratch/"
    # The ELF fuzzer also starts from real unikernels, which are build outputs.
    [ "$name" = fuzz_elf ] && cp build/tests/guest/*.spt "$scratch/" 2>/dev/null
    echo "fuzz: $name for ${secs}s"
    # libFuzzer writes new inputs to the first corpus directory only.
    "$bin" -max_total_time="$secs" -timeout=10 -print_final_stats=1 \
        -artifact_prefix="$work/$name-artifacts/" "$scratch" \
        $([ -d "$seeds" ] && echo "$seeds") || failed="$failed $name"
done
[ -z "$failed" ] || { echo "fuzz: failed:$failed (see $work/*-artifacts)" >&2; exit 1; }
