#!/bin/sh
# solo5-hvt-configure: links, from an installed Kiln, a solo5-hvt holding only the
# modules one unikernel declares (see docs/hvt.md, "Specialized tenders").
# Exit status: 0 done, 1 error (one line on stderr), 2 bad command line.
set -eu
prog=solo5-hvt-configure
bindir=$(cd "$(dirname "$0")" && pwd)
kit=$(cd "$bindir/../lib/kiln/hvt" 2>/dev/null && pwd) || {
    echo "$prog: no tender kit in $bindir/../lib/kiln/hvt" >&2
    exit 1
}
# CC, LDFLAGS, LIBS: the link recipe; CORE: the core's objects; MODULES: every module,
# in the order the default solo5-hvt links them.
. "$kit/link.conf"
cc=${KILN_HOST_CC:-$CC}

usage() {
    cat >&2 <<EOF
usage: $prog [--module=NAME]... [-o OUTPUT] BINARY|manifest.json
       $prog --makefile [-o OUTPUT]
       $prog --report [--module=NAME]... BINARY|manifest.json
Links OUTPUT (default ./solo5-hvt), a solo5-hvt with the core and only the modules
the unikernel's devices need (block for BLOCK_BASIC, net for NET_BASIC), plus any
--module given. Modules here: $MODULES.
  --makefile   write a make fragment (default Makefile.solo5-hvt) that builds
               solo5-hvt-NAME next to each NAME.hvt (extra modules: SOLO5_HVT_MODULES)
  --report     compare that tender with the default solo5-hvt
EOF
    exit 2
}
die() {
    echo "$prog: $*" >&2
    exit 1
}
# shown STRING: STRING for a message, as the tenders print paths and options:
# control, non-ASCII and backslash bytes as \xHH, so an error stays one line.
shown() {
    printf '%s' "$1" | od -An -v -tu1 | LC_ALL=C awk '{
        for (i = 1; i <= NF; i++)
            if ($i >= 32 && $i < 127 && $i != 92) printf "%c", $i + 0
            else printf "\\x%02x", $i }'
}

mode=link out= input= extra=
while [ $# -gt 0 ]; do
    case $1 in
    --module=*) extra="$extra ${1#--module=}" ;;
    -o) [ $# -ge 2 ] || usage; out=$2; shift ;;
    -o*) out=${1#-o} ;;
    --makefile) mode=makefile ;;
    --report) mode=report ;;
    --version) "$bindir/solo5-hvt" --version 2>&1 | sed "1s/^solo5-hvt tender/$prog/" >&2; exit 0 ;;
    -h | --help) usage ;;
    --) shift; break ;;
    -*) echo "$prog: unknown option: $(shown "$1")" >&2; usage ;;
    *) [ -z "$input" ] || usage; input=$1 ;;
    esac
    shift
done
[ $# -eq 0 ] || { [ -z "$input" ] && [ $# -eq 1 ] && input=$1; } || usage

# ---- make fragment ----------------------------------------------------------------
if [ $mode = makefile ]; then
    [ -z "$input" ] || usage
    out=${out:-Makefile.solo5-hvt}
    cat >"$out.tmp" <<EOF
# Written by $prog --makefile. Include it in a unikernel's Makefile; then
# 'make solo5-hvt-NAME' links, next to NAME.hvt, the solo5-hvt that holds only the
# modules NAME.hvt declares, plus those named in SOLO5_HVT_MODULES (e.g. gdb).
SOLO5_HVT_CONFIGURE ?= $bindir/$prog
SOLO5_HVT_MODULES ?=
solo5-hvt-%: %.hvt
	\$(SOLO5_HVT_CONFIGURE) \$(addprefix --module=,\$(SOLO5_HVT_MODULES)) -o \$@ \$<
EOF
    mv "$out.tmp" "$out"
    exit 0
fi

# ---- which modules the unikernel needs ----------------------------------------------
[ -n "$input" ] || usage
tmp=$(mktemp -d "${TMPDIR:-/tmp}/solo5-hvt-configure.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM
elftool_err() { sed 's/^solo5-elftool: //' "$tmp/err" | head -n 1; }

# solo5-elftool opens INPUT first, as the tenders open KERNEL: a missing file, a
# FIFO or a device is refused at once (its one line, path escaped), before anything
# here reads it. A file that is merely not ELF is a manifest.json to check.
abi=$("$bindir/solo5-elftool" query-abi "$input" 2>"$tmp/err") ||
    grep -q ': invalid executable: ' "$tmp/err" || die "$(elftool_err)"

# A unikernel's manifest comes from its note; a manifest.json is checked as
# gen-manifest checks it. Either way the device types are read from JSON.
if [ "$(head -c 4 "$input" | od -An -c | tr -d ' ')" = '177ELF' ]; then
    [ -n "$abi" ] || die "$(elftool_err)"
    target=$(printf '%s\n' "$abi" | sed -n 's/.*"target": "\([a-z]*\)".*/\1/p')
    [ "$target" = hvt ] || die "$(shown "$input"): not an hvt unikernel (ABI target '$target')"
    "$bindir/solo5-elftool" query-manifest "$input" >"$tmp/manifest.json" 2>"$tmp/err" ||
        die "$(elftool_err)"
else
    "$bindir/solo5-elftool" gen-manifest "$input" "$tmp/manifest.c" 2>"$tmp/err" ||
        die "$(elftool_err)"
    cp "$input" "$tmp/manifest.json"
fi
types=$(tr -d '\n' <"$tmp/manifest.json" |
    grep -o '"type"[[:space:]]*:[[:space:]]*"[A-Z_]*"' | sed 's/.*"\([A-Z_]*\)"$/\1/' |
    sort -u | tr '\n' ' ' | sed 's/ $//')

# The default solo5-hvt knows which module serves each device type.
"$bindir/solo5-hvt" --describe >"$tmp/default.describe" ||
    die "$bindir/solo5-hvt --describe failed"
table=$(sed -n 's/^devices: //p' "$tmp/default.describe")
want=$extra
for t in $types; do
    m=
    for row in $table; do
        [ "${row%%=*}" = "$t" ] && m=${row#*=}
    done
    [ -n "$m" ] || die "$(shown "$input"): no module serves devices of type $t"
    want="$want $m"
done
mods=
for m in $want; do
    [ -f "$kit/modules/$m.o" ] || die "no module '$(shown "$m")' in this Kiln (modules: $MODULES)"
done
for m in $MODULES; do
    for w in $want; do
        if [ "$w" = "$m" ]; then
            mods="$mods $m"
            break
        fi
    done
done

# link OUTPUT MODULE...: the recipe the default solo5-hvt is linked with; the objects
# the linker takes go to OUTPUT.trace.
link() {
    o=$1
    shift
    objs=
    for c in $CORE; do objs="$objs $kit/core/$c"; done
    for m in "$@"; do objs="$objs $kit/modules/$m.o"; done
    # shellcheck disable=SC2086
    $cc $LDFLAGS -o "$o.tmp" $objs "$kit/libmodules.a" "$kit/libcommon.a" $LIBS -Wl,-t,-t >"$o.trace" 2>"$tmp/err" ||
        die "link failed: $(head -n 1 "$tmp/err")"
    mv "$o.tmp" "$o"
}

if [ $mode = link ]; then
    out=${out:-./solo5-hvt}
    # shellcheck disable=SC2086
    link "$tmp/solo5-hvt" $mods
    cp "$tmp/solo5-hvt" "$out.tmp.$$" 2>/dev/null && mv "$out.tmp.$$" "$out" 2>/dev/null ||
        die "cannot write $(shown "$out")"
    echo "$prog: wrote $out (modules: core$mods)"
    exit 0
fi

# ---- report: the specialized tender next to the default one ----------------------------
# shellcheck disable=SC2086
link "$tmp/special" $mods
# shellcheck disable=SC2086
link "$tmp/default" $MODULES
"$tmp/special" --describe >"$tmp/special.describe"

# field FILE KEY: the words after "KEY:" in a --describe output.
field() { sed -n "s/^$2: //p" "$1"; }
# lines TRACE: the source lines of the objects the linker took, headers included.
lines() {
    awk -v kit="$kit/" 'NR == FNR { n[$1] = $2; next }
        index($0, kit) { s = $0; sub(/.*[\/)]/, "", s); t += n[s] }
        END { print t + n["headers"] }' "$kit/sloc" "$1"
}
# names NUMBERS: syscall numbers as names, from the kit's table.
names() { awk -v want="$*" 'BEGIN { k = split(want, w, " "); for (i = 1; i <= k; i++) q[w[i]] = 1 }
    ($1 in q) { printf "%s%s", sep, $2; sep = " " } END { print "" }' "$kit/syscalls"; }
# only A B: the words of A that are not in B.
only() { for x in $1; do case " $2 " in *" $x "*) ;; *) printf '%s ' "$x" ;; esac; done; }

shc=$(field "$tmp/special.describe" hypercalls)
dhc=$(field "$tmp/default.describe" hypercalls)
ssc=$(field "$tmp/special.describe" syscalls)
dsc=$(field "$tmp/default.describe" syscalls)
row() { printf '%-34s %-34s %s\n' "$1" "$2" "$3"; }
echo "$prog report for $input (devices: ${types:-none})"
row "" specialized "default solo5-hvt"
row modules "$(field "$tmp/special.describe" modules)" "$(field "$tmp/default.describe" modules)"
row "hypercalls reachable" "${shc%% *}" "${dhc%% *}"
row "system calls in allowlist" "${ssc%% *}" "${dsc%% *}"
row "binary size (bytes)" "$(wc -c <"$tmp/special")" "$(wc -c <"$bindir/solo5-hvt")"
row "tender source lines linked in" "$(lines "$tmp/special.trace")" "$(lines "$tmp/default.trace")"
echo "hypercalls, both: ${shc#* }"
echo "hypercalls, default only: $(only "${dhc#* }" "${shc#* }")"
echo "system calls, both: $(names "${ssc#* }")"
echo "system calls, default only: $(names "$(only "${dsc#* }" "${ssc#* }")")"
echo "(allowlists with one device of each linked module; source lines: bench/sloc.sh of"
echo " each object the linker took, plus the tender's internal headers)"
