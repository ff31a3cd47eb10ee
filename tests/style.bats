#!/usr/bin/env bats
# Style rules CI checks: clang-format clean, and every C file opens with its one-line purpose.
load helpers

c_files() {
    git -C "$KILN_TOP" ls-files '*.c' '*.h' 2>/dev/null ||
        (cd "$KILN_TOP" && find . -name '*.[ch]' -not -path './build/*')
}

@test "style: every C file is formatted as .clang-format says" {
    cd "$KILN_TOP"
    run sh -c "$(declare -f c_files); c_files | xargs clang-format --dry-run --Werror"
    [ "$status" -eq 0 ] || { echo "$output" | head -40; return 1; }
}

@test "style: every C file opens with a one-line comment saying what it is for" {
    cd "$KILN_TOP"
    bad=
    for f in $(c_files); do
        head -n 1 "$f" | grep -q '^/\* .* \*/$' || bad="$bad $f"
    done
    [ -z "$bad" ] || { echo "no purpose line:$bad"; return 1; }
}

@test "style: every unit test program is run by some suite" {
    cd "$KILN_TOP"
    for t in tests/unit/test_*.c; do
        name=$(basename "$t" .c)
        grep -q "UNIT/$name\"" tests/*.bats || { echo "$name is never run"; return 1; }
    done
}
