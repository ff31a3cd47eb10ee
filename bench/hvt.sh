#!/bin/sh
# make bench, hvt: source size on the host, then bench/hvt/cases/*.sh under KVM (in one
# boot of the test VM unless this host has hardware KVM); exits 1 if a row failed.
set -u
cd "$(dirname "$0")/.." || exit 1
B=build
OUT=$B/bench/hvt
VM_LIMIT=${BENCH_HVT_VM_TIMEOUT:-720} # s for the whole VM (six cases; a loaded host slows TCG)
CASE_LIMIT=${BENCH_HVT_CASE_TIMEOUT:-240}
# in the order of the rows; each measures its baselines itself, in the same boot
CASES=
for c in start hcall net blk mem sockets; do CASES="$CASES bench/hvt/cases/$c.sh"; done
failed=0
. bench/hvt/benchlib.sh

# linked_common TENDER: the tenders/common sources whose objects TENDER links (all of
# them if nm cannot tell), each with its header of the same name if it has one
# (common_dev.h, common_core.h), and common.h.
linked_common() {
    syms=$(nm "$1" 2>/dev/null | awk '$2 ~ /^[TDBR]$/ { print $3 }')
    for c in tenders/common/*.c; do
        case $c in *_aarch64.c) continue ;; esac
        o=$B/host/${c%.c}.o
        if [ -z "$syms" ] || [ ! -f "$o" ] ||
            nm -g --defined-only "$o" | awk '{ print $3 }' | grep -qxF "$syms"; then
            echo "$c"
            [ ! -f "${c%.c}.h" ] || echo "${c%.c}.h"
        fi
    done
    echo tenders/common/common.h
}

# only A B: the words of A that are not in B.
only() { for x in $1; do case " $2 " in *" $x "*) ;; *) printf '%s ' "$x" ;; esac; done; }

# sloc_rows: the source size of the tender's core (no module: what every solo5-hvt is
# built on, and all a console-only unikernel's specialized tender holds), of the whole
# default tender, and of each module; all counted by bench/sloc.sh.
sloc_rows() {
    core_hvt=
    for f in tenders/hvt/*.c tenders/hvt/*.h; do
        case $f in */hvt_module_*) ;; *) core_hvt="$core_hvt $f" ;; esac
    done
    core_tender=$OUT/solo5-hvt-core
    mkdir -p "$OUT"
    $B/stage/bin/solo5-hvt-configure -o "$core_tender" $B/tests/guest/quiet.hvt >/dev/null ||
        core_tender=
    core_common=$(if [ -n "$core_tender" ]; then linked_common "$core_tender"; fi)
    all_common=$(linked_common "$B/stage/bin/solo5-hvt")
    hvt=$(bench/sloc.sh tenders/hvt/*.c tenders/hvt/*.h)
    # shellcheck disable=SC2086
    common=$(bench/sloc.sh $all_common)
    echo
    echo "== hvt tender source size (lines neither blank nor only comments)"
    # shellcheck disable=SC2059
    printf "$BENCH_COLS" case lines "" "" target met
    if [ -n "$core_tender" ]; then
        # shellcheck disable=SC2086
        bench_value "hvt core, modules out" "$(bench/sloc.sh $core_hvt $core_common)" "<=" 2000
    else
        bench_fail "hvt core, modules out" "<=" 2000 "solo5-hvt-configure failed"
        failed=1
    fi
    bench_value "hvt tender, total" $((hvt + common)) "<=" 2000
    # What solo5-hvt-configure links for a console-only unikernel, as --report counts.
    spec=$($B/stage/bin/solo5-hvt-configure --report $B/tests/guest/quiet.hvt |
        awk 'index($0, "tender source lines linked in") == 1 { print $6 }')
    if [ -n "$spec" ]; then
        bench_value "console-only specialized tender" "$spec" "<=" 2000
    else
        bench_fail "console-only specialized tender" "<=" 2000 "no count in --report"
        failed=1
    fi
    # shellcheck disable=SC2086
    echo "(core: tenders/hvt/*.c *.h but hvt_module_*, $(bench/sloc.sh $core_hvt), and the"
    echo " tenders/common a console-only tender links, as nm tells; total: every"
    echo " tenders/hvt file, $hvt, and the tenders/common the default solo5-hvt links, $common)"
    # shellcheck disable=SC2086
    extra=$(only "$(printf '%s ' $all_common)" "$(printf '%s ' $core_common)")
    for m in $(printf '%s\n' tenders/hvt/hvt_module_*.c | sed 's|.*/hvt_module_\([a-z0-9]*\).*|\1|' | sort -u); do
        own=$(ls tenders/hvt/hvt_module_"$m".[ch] tenders/hvt/hvt_module_"$m"_*.[ch] 2>/dev/null)
        # shellcheck disable=SC2086
        echo "(module $m: $(bench/sloc.sh $own), $(echo $own | sed 's|tenders/hvt/||g'))"
    done
    # shellcheck disable=SC2086
    echo "(device code only modules link: $(bench/sloc.sh $extra), $(echo $extra | sed 's|tenders/common/||g'))"
    echo "(bench/sloc.sh: // and /* */ comments stripped, literals kept)"
}

# stage: the host programs and guests the cases use, in the two directories kvm-exec
# carries into the VM (KILN_TOOLS, KILN_GUEST).
stage() {
    rm -rf "$OUT/tools" "$OUT/guest"
    mkdir -p "$OUT/tools" "$OUT/guest"
    for t in bench_exec kvm_hlt net_host net_inject blk_host; do
        ln -s "$PWD/$B/bench/$t" "$OUT/tools/$t"
    done
    ln -s "$PWD/bench/hvt/benchlib.sh" "$OUT/tools/benchlib.sh"
    # the sockets case: the client tools, the examples' Linux builds and hvt images
    # (kvm-exec copies each tool with the shared libraries ldd lists: wrk's luajit too)
    ! command -v wrk >/dev/null || ln -s "$(command -v wrk)" "$OUT/tools/wrk"
    ln -s "$PWD/$B/tests/tools/sockpeer" "$OUT/tools/sockpeer"
    for e in http echo; do
        ln -s "$PWD/$B/examples/$e/$e.linux" "$OUT/tools/$e.linux"
        ln -s "$PWD/$B/tests/guest/example_$e.hvt" "$OUT/guest/example_$e.hvt"
    done
    for g in "$B"/bench/guest/*.hvt; do ln -s "$PWD/$g" "$OUT/guest/"; done
    # the hcall case's baseline: the default tender's modules but trace
    $B/stage/bin/solo5-hvt-configure --module=block --module=net --module=gdb --module=dumpcore \
        -o "$OUT/tools/solo5-hvt-notrace" $B/bench/guest/hcall.hvt >/dev/null ||
        echo "bench: could not build solo5-hvt-notrace" >&2
}

# why_missing NAME: why case NAME left no result, in one line.
why_missing() {
    r=$OUT/res
    if [ -f "$r/$1.rc" ]; then
        echo "the case exited $(cat "$r/$1.rc"): $(tail -n 1 "$r/$1.out" | cut -c 1-100)"
        return
    fi
    k=$(grep '^kvm-exec: ' "$OUT/kvm-exec.log" 2>/dev/null | tail -n 1 | cut -c 11-)
    v=$(grep -v '^kvm-exec: ' "$r/vm.log" 2>/dev/null | grep -v '^[[:space:]]*$' |
        tail -n 1 | cut -c 1-100)
    echo "no result; kvm-exec said: ${k:-nothing}${v:+; vm.log ends: $v}"
}

# report CASE: the case's rows, or its title and each of its rows as failed, and why.
report() {
    name=$(basename "$1" .sh)
    if [ "$(cat "$OUT/res/$name.rc" 2>/dev/null)" = 0 ]; then
        cat "$OUT/res/$name.out"
        ! grep -q ' failed ' "$OUT/res/$name.out" || failed=1
        return
    fi
    failed=1
    echo
    echo "== $(sed -n 's/^# title: //p' "$1")"
    # "# row: OP TARGET LABEL": each row the case would have printed, with its target
    sed -n 's/^# row: //p' "$1" | while read -r op t row; do
        bench_fail "$row" "$op" "$t" "see below"
    done
    echo "($(why_missing "$name"))"
}

sloc_rows
stage
if scripts/kvm-usable; then mode=direct; else mode=vm; fi
echo
if [ $mode = direct ]; then
    echo "(hvt rows below: direct mode, on this host's hardware KVM)"
else
    echo "(hvt rows below: in the test VM (QEMU TCG, nested KVM), as /dev/kvm here is not"
    echo " hardware KVM (scripts/kvm-usable); each row's baseline runs beside it, same boot)"
fi
t0=$(date +%s)
# shellcheck disable=SC2086
KILN_KVM_MODE=$mode KILN_VM_TIMEOUT=$VM_LIMIT KILN_CASE_TIMEOUT=$CASE_LIMIT \
    KILN_TOOLS=$PWD/$OUT/tools KILN_GUEST=$PWD/$OUT/guest \
    timeout -k 10 $((VM_LIMIT + 120)) tests/kvm/kvm-exec "$OUT/res" $CASES \
    >"$OUT/kvm-exec.log" 2>&1 </dev/null
for c in $CASES; do report "$c"; done
echo
echo "(hvt: $(($(date +%s) - t0)) s under tests/kvm/kvm-exec; its log: $OUT/kvm-exec.log)"
exit $failed
