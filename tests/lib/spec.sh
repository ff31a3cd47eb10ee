# Citations of the contract: every "spec N.M" in the tree must name a section of docs/spec.md.
# Sourced by tests/style.bats. Each function takes the top of a tree as $1.

# spec_sections TOP: the section numbers docs/spec.md defines ("1", "1.1", ...), one a line.
spec_sections() {
    sed -n -E 's/^##+ ([0-9]+(\.[0-9]+)?)\.? .*/\1/p' "$1/docs/spec.md"
}

# spec_files TOP: the files to search, NUL-separated, relative to TOP: the tracked files
# when TOP is the top of a git work tree, else every file outside build/.
spec_files() {
    if [ "$(git -C "$1" rev-parse --show-toplevel 2>/dev/null)" = "$(cd "$1" && pwd -P)" ]; then
        git -C "$1" ls-files -z
    else
        (cd "$1" && find . -type f -not -path './build/*' -not -path './.git/*' -print0 |
            sed -z 's|^\./||')
    fi
}

# spec_citations TOP: every citation as FILE:LINE:TEXT, TEXT being "spec 4.13",
# "spec section 8", "spec 4.7-4.10" and the like.
spec_citations() {
    spec_files "$1" | (cd "$1" && xargs -0 grep -InoE \
        '(^|[^A-Za-z_])spec( sections?)? [0-9]+(\.[0-9]+)?((-|–)[0-9]+(\.[0-9]+)?)?') |
        sed -E 's/^([^:]*:[0-9]+:)[^s]*/\1/'
}

# spec_dangling TOP: prints each citation of a section docs/spec.md lacks, with where it
# is; fails if there is one.
spec_dangling() {
    known=" $(spec_sections "$1" | tr '\n' ' ') "
    bad=0
    spec_citations "$1" >"${TMPDIR:-/tmp}/spec_citations.$$"
    while IFS= read -r hit; do
        where=${hit%:spec*}
        for n in $(printf '%s\n' "${hit#"$where":}" | grep -oE '[0-9]+(\.[0-9]+)?'); do
            case $known in
            *" $n "*) ;;
            *) echo "$where: spec $n: no such section in docs/spec.md"; bad=1 ;;
            esac
        done
    done <"${TMPDIR:-/tmp}/spec_citations.$$"
    rm -f "${TMPDIR:-/tmp}/spec_citations.$$"
    return $bad
}
