#!/usr/bin/env bats
# The C runtime: picolibc under the toolchain's --specs=picolibc.specs, and programs without it.
load helpers
load virtio/helpers

CC=$BIN/x86_64-solo5-none-static-cc
LIBC=$GUEST/libc

setup() {
    T=$(mktemp -d)
}

teardown() {
    rm -rf "$T"
}

# ---- picolibc's own test suite -------------------------------------------------

@test "libc: picolibc's tests are built for spt, hvt and virtio, and each is a test of picolibc.bats" {
    local gen=$KILN_TOP/build/tests/picolibc.bats
    [ -f "$gen" ] || { echo "no $gen: make test-build did not generate it"; return 1; }
    for t in spt hvt virtio; do
        list=$KILN_TOP/build/tests/libc/$t/tests.list
        n=$(wc -l <"$list")
        [ "$n" -ge 80 ] || { echo "$list: only $n tests"; return 1; }
        while read -r name _; do
            grep -qx "@test \"picolibc on $t: $name\" {" "$gen" ||
                { echo "$name ($t) is not in $gen"; return 1; }
        done <"$list"
        # What did not link is exactly what tests/libc/expected says will not.
        diff <(awk '$2 == "-" {print $1}' "$list" | sort) \
            <(awk '$1 == "not-built" {print $2}' "$KILN_TOP/tests/libc/expected" | sort)
    done
}

@test "libc: the runner counts a failing test as failed, a passing one as passed" {
    mkdir -p "$T/bin"
    cp "$GUEST/exit.spt" "$T/bin/fails"
    cp "$GUEST/libc.spt" "$T/bin/fine"
    printf 'fails 30\nfine 30\n' >"$T/tests.list"
    run "$KILN_TOP/tests/libc/run-tests" "$KILN_TOP/tests/libc/expected" "$T" "$SPT"
    [ "$status" -eq 1 ] || { echo "status $status: $output"; return 1; }
    [[ "$output" == *"FAIL fails: status"* ]]
    [[ "$output" == *"ok fine"* ]]
    [[ "$output" == *"1 passed, 1 failed, 0 skipped"* ]]
}

# ---- the libc guest: main(argc, argv), stdio, heap, clocks, no OS --------------

@test "libc: a C program gets main(argc, argv), stdio, malloc, strings, time on spt" {
    run timeout 60 "$SPT" --mem=16 "$LIBC.spt" one two
    expect_success
    [[ "$output" == *"argc=3 argv0=libc [one] [two]"* ]]
    [[ "$output" == *"raw write"* ]]
    # exit() writes out the last line, unfinished, after the atexit handler printed it.
    [[ "$output" == *"atexit handler ran, no newline"* ]]
    local t now
    t=$(sed -n 's/^time: \([0-9]*\)$/\1/p' <<<"$output")
    now=$(date +%s)
    [ -n "$t" ] && [ $((now - t)) -le 5 ] && [ $((t - now)) -le 5 ] ||
        { echo "guest time '$t', host $now"; return 1; }
}

@test "libc: main's return value is the exit status" {
    run timeout 60 "$SPT" --mem=16 "$LIBC.spt" exit 42
    expect_status 42 "argc=3 argv0=libc [exit] [42]"
}

@test "libc: abort and a failed assert end in solo5_abort, with the output written" {
    run timeout 60 "$SPT" --mem=16 "$LIBC.spt" abort
    expect_status 255 "argc=2 argv0=libc [abort]"
    [[ "$output" == *"Solo5: solo5_abort() called"* ]]
    run timeout 60 "$SPT" --mem=16 "$LIBC.spt" assert
    expect_status 255 'assertion "argc == 1" failed'
}

# ---- what docs/libc.md promises links ------------------------------------------

@test "libc: every function docs/libc.md's table names links: one program takes the address of each" {
    # The table's first column, its `name(...)` entries: the one list.
    names=$(awk '/^\| picolibc needs \|/ { t = 1; next } t && !/^\|/ { exit } t' \
        "$KILN_TOP/docs/libc.md" | cut -d '|' -f 2 | grep -o '`[a-z_][a-z0-9_]*(' | tr -d '`(' | sort -u)
    [ "$(wc -w <<<"$names")" -ge 30 ] || { echo "names: $names"; return 1; }
    for n in isatty rename sleep usleep getentropy arc4random_uniform kiln_entropy_ok; do
        grep -qx "$n" <<<"$names" || { echo "$n is not in the table"; return 1; }
    done
    {
        printf '#include <%s>\n' assert.h errno.h fcntl.h kiln/entropy.h signal.h stdio.h \
            stdlib.h sys/stat.h sys/time.h sys/times.h time.h unistd.h
        echo 'void (*const fns[])(void) = {'
        printf '    (void (*)(void))%s,\n' $names
        echo '};'
        echo 'int main(void)'
        echo '{'
        echo '    for (unsigned i = 0; i < sizeof fns / sizeof fns[0]; i++)'
        echo '        if (!fns[i])'
        echo '            return 1;'
        echo '    return 0;'
        echo '}'
    } >"$T/all.c"
    cd "$T"
    "$ELFTOOL" gen-manifest "$KILN_TOP/tests/libc/manifest.json" manifest.c
    "$CC" -c manifest.c
    "$CC" --specs=picolibc.specs -Wall -Wextra -Werror -c all.c
    run "$CC" --specs=picolibc.specs -z solo5-abi=spt -o all.spt all.o manifest.o
    [ "$status" -eq 0 ] || { echo "$output" | grep -o 'undefined reference to .*' | sort -u; return 1; }
    run timeout 30 "$SPT" all.spt
    expect_status 0
}

# ---- printf: exact, as glibc's --------------------------------------------------

@test "libc: %.17g of 200,000 random doubles reads back exactly with strtod (spt)" {
    run timeout 120 "$SPT" --mem=16 "$GUEST/printf.spt" roundtrip 200000
    [ "$status" -eq 0 ] && [[ "$output" == *"roundtrip: 200000 doubles, 0 failed"* ]] ||
        { echo "status $status: $output" | head -20; return 1; }
}

@test "libc: printf of doubles (%.25f, %.17g, %.1074f, %e, %g...) and EOVERFLOW are glibc's, byte for byte (spt)" {
    "$KILN_TOP/build/tests/printf_glibc" formats 300 >"$T/glibc"
    timeout 120 "$SPT" --mem=16 "$GUEST/printf.spt" --solo5:quiet formats 300 >"$T/kiln"
    grep -qx '%.25f 27 0.1000000000000000055511151' "$T/kiln" ||
        { grep '^%.25f' "$T/kiln" | head -3; return 1; }
    grep -qx '%2147483648d: -1 EOVERFLOW' "$T/kiln"
    [ "$(wc -l <"$T/glibc")" -gt 6000 ]
    cmp "$T/glibc" "$T/kiln" || { diff "$T/glibc" "$T/kiln" | head -20; return 1; }
}

@test "libc: strtod and sscanf's %lf take the hex prefix as glibc: \"0x\" only right after the sign (spt)" {
    "$KILN_TOP/build/tests/printf_glibc" strtod >"$T/glibc"
    timeout 60 "$SPT" --mem=16 "$GUEST/printf.spt" --solo5:quiet strtod >"$T/kiln"
    # glibc reads 0 from "0.x00a" and stops at the x; picolibc once read 0x0.00a.
    grep -qx 'strtod "0.x00a": 0 2; sscanf 1 0 2' "$T/kiln" ||
        { grep '0.x00a' "$T/kiln"; return 1; }
    grep -qx 'strtod "0x": 0 1; sscanf 0 -1 -1' "$T/kiln"
    [ "$(wc -l <"$T/glibc")" -ge 28 ]
    cmp "$T/glibc" "$T/kiln" || { diff "$T/glibc" "$T/kiln"; return 1; }
}

@test "libc: printf is exact on virtio (QEMU) too" {
    need_virtio_guest printf
    vrun "$GUEST/printf.virtio" roundtrip 20000
    not_hung
    [[ "$output" == *"roundtrip: 20000 doubles, 0 failed"* ]] || { echo "$output"; return 1; }
    "$KILN_TOP/build/tests/printf_glibc" formats 5 >"$T/glibc"
    vrun "$GUEST/printf.virtio" --solo5:quiet formats 5
    not_hung
    tr -d '\r' <<<"$output" >"$T/kiln"
    diff "$T/glibc" "$T/kiln" | head -20
    cmp -s "$T/glibc" "$T/kiln"
}

# ---- entropy: getentropy and arc4random from RDSEED/RDRAND, ENOSYS without ------

# entropy_hex OUTPUT: the 256 bytes an "entropy" run printed, in hex, once its checks passed.
entropy_hex() {
    [[ "$1" == *"entropy checks: 0 failed"* ]] || { echo "$1" >&2; return 1; }
    sed -n 's/^entropy:\([0-9a-f]\{512\}\)\r*$/\1/p' <<<"$1"
}

@test "libc: getentropy gives 256 fresh bytes per call and per run, EIO past 256; arc4random_uniform stays in bounds (spt)" {
    run timeout 60 "$SPT" --mem=16 "$LIBC.spt" entropy
    expect_status 0
    a=$(entropy_hex "$output")
    run timeout 60 "$SPT" --mem=16 "$LIBC.spt" entropy
    expect_status 0
    b=$(entropy_hex "$output")
    [ -n "$a" ] && [ -n "$b" ] && [ "$a" != "$b" ] || { echo "runs: '$a' '$b'"; return 1; }
}

@test "libc: getentropy on virtio (QEMU); without RDRAND and RDSEED it fails with ENOSYS and arc4random ends the program" {
    need_virtio_guest libc
    vrun "$LIBC.virtio" entropy
    not_hung
    [[ "$output" == *"solo5_exit(0)"* ]] || { echo "$output"; return 1; }
    [ -n "$(entropy_hex "$output")" ]
    QEMU=$(qemu_without_rng "$T") vrun "$LIBC.virtio" entropy
    not_hung
    # arc4random has no weaker stand-in either: it ends the program (SIGKILL's 137).
    [[ "$output" == *"getentropy: ENOSYS"* && "$output" == *"solo5_exit(137)"* ]] ||
        { echo "$output"; return 1; }
    [[ "$output" != *"arc4random returned"* ]]
}

@test "libc: the same program runs on virtio (QEMU)" {
    need_virtio_guest libc
    vrun "$LIBC.virtio" one two
    expect_virtio_success
    [[ "$output" == *"argc=3 argv0=libc [one] [two]"* ]]
    [[ "$output" == *"atexit handler ran, no newline"* ]]
    vrun "$LIBC.virtio" exit 42
    not_hung
    [[ "$output" == *"solo5_exit(42)"* ]] || { echo "$output"; return 1; }
}

# ---- the toolchain: one flag, from the installed tree --------------------------

@test "libc: the installed toolchain builds printf, malloc, strlen and time with one flag; spt, virtio" {
    make -s -C "$KILN_TOP" install PREFIX="$T/kiln" DESTDIR= >/dev/null
    cat >"$T/prog.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
int main(int argc, char **argv)
{
    char *s = malloc(64);
    strcpy(s, argv[argc - 1]);
    printf("%s has %zu letters, time %lld\n", s, strlen(s), (long long)time(NULL));
    free(s);
    return 0;
}
C
    cd "$T"
    kiln/bin/solo5-elftool gen-manifest "$KILN_TOP/tests/libc/manifest.json" manifest.c
    kiln/bin/x86_64-solo5-none-static-cc -c manifest.c
    kiln/bin/x86_64-solo5-none-static-cc --specs=picolibc.specs -O2 -Wall -Werror -c prog.c
    for t in spt hvt virtio; do
        kiln/bin/x86_64-solo5-none-static-cc --specs=picolibc.specs -z solo5-abi=$t \
            -o prog.$t prog.o manifest.o
    done
    run kiln/bin/solo5-spt prog.spt unikernel
    [ "$status" -eq 0 ] && [[ "$output" == *"unikernel has 9 letters, time 1"* ]] ||
        { echo "status $status: $output"; return 1; }
    run timeout -k 5 "$VIRTIO_TIMEOUT" kiln/bin/solo5-virtio-run -q prog.virtio unikernel
    not_hung
    [ "$status" -eq 0 ] && [[ "$output" == *"unikernel has 9 letters, time 1"* ]] ||
        { echo "status $status: $output"; return 1; }
    # hvt needs KVM: the libc guest, built by the same toolchain staged, runs in the hvt case libc.
    run kiln/bin/solo5-elftool query-abi prog.hvt
    [[ "$output" == *'"target": "hvt"'* ]] || { echo "$output"; return 1; }
}

@test "libc: the flag without a C library installed is one clear error" {
    mkdir -p "$T/kiln"
    cp -R "$KILN_TOP/build/stage/." "$T/kiln/"
    rm "$T/kiln/lib/x86_64-solo5-none-static/libc.a"
    run "$T/kiln/bin/x86_64-solo5-none-static-cc" --specs=picolibc.specs -c -x c /dev/null -o "$T/x.o"
    expect_status 1 "picolibc is not installed in $T/kiln"
    [ "${#lines[@]}" -eq 1 ]
}

# ---- without the flag: freestanding, a program's own libc ----------------------

@test "libc: without the flag, limits.h works freestanding" {
    printf '#include <limits.h>\nint x[INT_MAX == 2147483647 && CHAR_BIT == 8 ? 1 : -1];\n' >"$T/l.c"
    run "$CC" -c -o "$T/l.o" "$T/l.c"
    [ "$status" -eq 0 ] || { echo "$output"; return 1; }
}

@test "libc: a program that brings its own libc builds unchanged, with no clash" {
    local src=$KILN_TOP/tests/libc/nolibc
    cd "$T"
    "$ELFTOOL" gen-manifest "$KILN_TOP/tests/libc/manifest.json" manifest.c
    "$CC" -c manifest.c
    # Its own headers come first (main.c #errors otherwise), its own functions link.
    for f in main nolibc; do
        "$CC" -O2 -Wall -Werror -nostdinc -I "$src/include" -isystem \
            "$KILN_TOP/build/stage/include/x86_64-solo5-none-static" -c "$src/$f.c"
    done
    "$CC" -z solo5-abi=spt -o nolibc.spt main.o nolibc.o manifest.o
    # None of picolibc is in it.
    ! nm nolibc.spt | grep -E ' (__libc_init_array|vfprintf|__wrap_solo5_app_main|sbrk)$'
    run timeout 30 "$SPT" nolibc.spt abc
    expect_status 3 "nolibc: own headers and functions"
}

# apt_state: a hash of every file of the machine's apt configuration, and the
# names of its package lists (fetch-source must change neither).
apt_state() {
    find /etc/apt -type f -exec sha256sum {} + | sort
    ls /var/lib/apt/lists
}

@test "libc: fetch-source refuses a version the archive does not have, in one line" {
    apt_state >"$T/before"
    run "$KILN_TOP/scripts/fetch-source" picolibc 0.1-1 trixie "$T/src"
    expect_status 1 "picolibc 0.1-1 (or another revision of 0.1) is not in trixie's sources"
    [ "${#lines[@]}" -eq 1 ] && [ ! -e "$T/src" ]
    diff "$T/before" <(apt_state)
}

@test "libc: fetch-source reads a suite the machine's apt does not name, leaving its apt as it was" {
    [ ! -e /etc/apt/sources.list.d/kiln-src-sid.sources ]
    apt_state >"$T/before"
    run "$KILN_TOP/scripts/fetch-source" picolibc 0.1-1 sid "$T/src"
    expect_status 1 "picolibc 0.1-1 (or another revision of 0.1) is not in sid's sources"
    [ "${#lines[@]}" -eq 1 ] && [ ! -e "$T/src" ]
    diff "$T/before" <(apt_state)
    [ ! -e /etc/apt/sources.list.d/kiln-src-sid.sources ]
}

@test "libc: fetch-source needs no root: as nobody it reads the archive's index" {
    [ "$(id -u)" -eq 0 ] || skip "needs root to become nobody"
    run runuser -u nobody -- env TMPDIR=/tmp "$KILN_TOP/scripts/fetch-source" picolibc 0.1-1 \
        trixie "$T/src"
    expect_status 1 "picolibc 0.1-1 (or another revision of 0.1) is not in trixie's sources"
    [ "${#lines[@]}" -eq 1 ]
}

@test "libc: fetch-source fetches picolibc, checked, in one line with no failure in it" {
    apt_state >"$T/before"
    run "$KILN_TOP/scripts/fetch-source" picolibc 1.8.10-2 trixie "$T/src"
    expect_status 0
    [ "${#lines[@]}" -eq 1 ] || { echo "$output"; return 1; }
    [[ "${lines[0]}" == "fetch-source: picolibc 1.8.10-2 in $T/src"* ]]
    [ -f "$T/src/meson.build" ] && [ -f "$T/src/.fetched" ]
    diff "$T/before" <(apt_state)
    # A second call finds it fetched and says nothing.
    run "$KILN_TOP/scripts/fetch-source" picolibc 1.8.10-2 trixie "$T/src"
    expect_status 0
    [ -z "$output" ]
}

@test "libc: argv takes at most 64 entries; the words past them are dropped with a warning" {
    run timeout 60 "$SPT" --mem=16 "$LIBC.spt" $(seq 1 70)
    expect_success
    [[ "$output" == *"argc=64 argv0=libc [1] [2]"*" [62] [63]"$'\n'* ]] || { echo "$output"; return 1; }
    [[ "$output" == *"libc: too many arguments, extra ones dropped"* ]]
}
