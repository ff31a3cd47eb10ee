#!/usr/bin/env bats
# Style rules CI checks: clang-format clean, every C file opens with its one-line purpose,
# and every citation of the contract ("spec N.M") names a section docs/spec.md has.
load helpers
source "$KILN_TOP/tests/lib/spec.sh"

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

@test "style: every \"spec N.M\" citation in the tree names a section of docs/spec.md" {
    run spec_sections "$KILN_TOP"
    # Sections 1 to 10 and their subsections: a heading format the parser missed shows here.
    [ "${#lines[@]}" -ge 60 ] || { echo "only ${#lines[@]} sections found: $output"; return 1; }
    run spec_citations "$KILN_TOP"
    [ "${#lines[@]}" -ge 10 ] || { echo "only ${#lines[@]} citations found: $output"; return 1; }
    run spec_dangling "$KILN_TOP"
    [ "$status" -eq 0 ] || { echo "$output"; return 1; }
}

@test "style: the citation check names a dangling citation and fails" {
    t=$BATS_TEST_TMPDIR/tree
    mkdir -p "$t/docs" "$t/src"
    printf '# c\n\n## 1. One\n\n### 1.2 Two\n\n## 3. Three\n' >"$t/docs/spec.md"
    # Built from parts, so that this file itself cites no missing section.
    printf '/* spec %s, spec %s and spec section %s */\n' 1.2 1.2-1.2 3 >"$t/src/good.c"
    printf 'line one\nsee the spec %s and (spec %s)\n' 1.3 1.2-4.1 >"$t/src/bad.md"
    run spec_dangling "$t"
    [ "$status" -ne 0 ] || { echo "no failure: $output"; return 1; }
    [ "$output" = "src/bad.md:2: spec 1.3: no such section in docs/spec.md
src/bad.md:2: spec 4.1: no such section in docs/spec.md" ] || { echo "$output"; return 1; }
    rm "$t/src/bad.md"
    run spec_dangling "$t"
    [ "$status" -eq 0 ] || { echo "$output"; return 1; }
}
