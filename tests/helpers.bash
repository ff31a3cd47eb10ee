# Shared bats helpers: paths to the built tree and ways to run tenders and guests.
KILN_TOP=${KILN_TOP:-$(cd "$BATS_TEST_DIRNAME/.." && pwd)}
BIN=$KILN_TOP/build/stage/bin
GUEST=$KILN_TOP/build/tests/guest
UNIT=$KILN_TOP/build/tests/unit
DATA=$KILN_TOP/tests/data
SPT=$BIN/solo5-spt
ELFTOOL=$BIN/solo5-elftool

# spt_run ARGS...: runs solo5-spt with the reference harness' memory size and a timeout.
spt_run() {
    run timeout 60s "$SPT" --mem=2 "$@"
}

# expect_success: the guest exited 0 and printed SUCCESS.
expect_success() {
    [ "$status" -eq 0 ] || { echo "status $status, output: $output"; return 1; }
    [[ "$output" == *SUCCESS* ]] || { echo "no SUCCESS in: $output"; return 1; }
}

# expect_abort: the guest aborted (255) and printed an ABORT line.
expect_abort() {
    [ "$status" -eq 255 ] || { echo "status $status, output: $output"; return 1; }
    [[ "$output" == *"Solo5: ABORT"* ]] || { echo "no ABORT in: $output"; return 1; }
}

# expect_status N [TEXT]: exit status N and, if given, TEXT somewhere in the output.
expect_status() {
    [ "$status" -eq "$1" ] || { echo "status $status (want $1), output: $output"; return 1; }
    [ -z "${2-}" ] || [[ "$output" == *"$2"* ]] || { echo "no '$2' in: $output"; return 1; }
}

# patch FILE OFFSET BYTES...: overwrites bytes (given as two hex digits each) at OFFSET.
patch() {
    local f=$1 off=$2 s=
    shift 2
    for b in "$@"; do s="$s\\x$b"; done
    printf "$s" | dd of="$f" bs=1 seek="$off" conv=notrunc status=none
}

# phdr_field FILE N FIELD_OFFSET: file offset of a field of program header N.
phdr_field() {
    local phoff
    phoff=$(od -An -t u8 -j 32 -N 8 "$1" | tr -d ' ')
    echo $((phoff + 56 * $2 + $3))
}

# note_offset FILE TYPE: file offset of the first PT_NOTE whose note type is TYPE (hex).
note_offset() {
    readelf -lW "$1" | awk '$1 == "NOTE" { print $2 }' | while read -r off; do
        t=$(od -An -t x4 -j $((off + 8)) -N 4 "$1" | tr -d ' ')
        [ "$t" = "$2" ] && { echo $((off)); break; }
    done
}

NETNS_TOOL=$KILN_TOP/scripts/kiln-netns

# in_ns CMD...: runs CMD inside this suite's network namespace.
in_ns() {
    ip netns exec "$KILN_NS" "$@"
}

# spt_bg LOG ARGS...: starts solo5-spt inside the namespace in the background.
spt_bg() {
    local log=$1
    shift
    in_ns "$SPT" --mem=8 "$@" >"$log" 2>&1 &
    SPT_PID=$!
    wait_started "$log"
}

# wait_started LOG: waits (up to 20 s) until the guest runs, so its taps are attached
# before a test sends anything: a tap no one reads drops frames and fails ARP.
source "$KILN_TOP/tests/lib/guest.sh"
wait_started() {
    guest_started "$1" "$SPT_PID" 200 && return 0
    echo "the guest did not start: $(cat "$1")"
    return 1
}

# kill_spt: stops a background tender a failed test left behind (it holds its taps).
kill_spt() {
    [ -z "${SPT_PID-}" ] || kill -9 "$SPT_PID" 2>/dev/null || true
}

# wait_spt: waits for the background tender; sets status and output from its log.
wait_spt() {
    local log=$1
    status=0
    wait "$SPT_PID" || status=$?
    output=$(cat "$log")
}

# ping_ok ADDR COUNT SIZE: sends exactly COUNT echo requests of SIZE bytes, at most 5000/s
# (every PING_INTERVAL s, within PING_TIMEOUT s, where a suite sets them); each must come
# back, intact, within 10 s of the last. tests/tools/pingcount, not ping(8): ping waits for
# a late reply only twice its largest round trip, so one slowed reply on a loaded machine
# counted as lost (and -w or flood mode send more than COUNT, which the guests count).
ping_ok() {
    local out us
    us=$(awk -v s="${PING_INTERVAL:-0.0002}" 'BEGIN { printf "%d", s * 1000000 }')
    out=$(in_ns timeout "${PING_TIMEOUT:-60}" "$KILN_TOP/build/tests/tools/pingcount" \
        "$1" "$2" "$3" "$us" 10 2>&1) || { echo "$out"; return 1; }
}

# each_expected FILE FN: runs FN REASON LINE for each entry of an expected-results file
# (tests/*/expected), where REASON is the comment line above the entry's group ("# ...";
# a blank line ends a group), or empty if there is none; stops at the first FN that
# fails, naming the line.
each_expected() {
    local l reason=
    [ -f "$1" ] || { echo "no $1"; return 1; }
    while IFS= read -r l; do
        case $l in
        '#'*) reason=$l; continue ;;
        '') reason=; continue ;;
        esac
        "$2" "$reason" "$l" || { echo "in $1: $l"; return 1; }
    done <"$1"
}

# expect_one_line N TEXT: exit status N, TEXT in the output, and the output is one line.
expect_one_line() {
    expect_status "$@" || return 1
    [ -n "$output" ] && [[ "$output" != *$'\n'* ]] ||
        { echo "not exactly one line: $output"; return 1; }
}

# installed_build SRC LIBS TARGET...: SRC (under tests/) compiled with the toolchain
# installed in $T/kiln (make install) and --specs=picolibc.specs, then linked with LIBS
# for each TARGET, as NAME.TARGET in $T (NAME: SRC's base name); cds to $T.
installed_build() {
    local src=$1 libs=$2 name
    name=$(basename "$src" .c)
    shift 2
    make -s -C "$KILN_TOP" install PREFIX="$T/kiln" DESTDIR= >/dev/null
    cd "$T"
    kiln/bin/solo5-elftool gen-manifest "$KILN_TOP/tests/libc/manifest.json" manifest.c
    kiln/bin/x86_64-solo5-none-static-cc -c manifest.c
    kiln/bin/x86_64-solo5-none-static-cc --specs=picolibc.specs -O2 -Wall -Wextra -Werror \
        -c "$KILN_TOP/tests/$src" -o "$name.o"
    for t in "$@"; do
        # shellcheck disable=SC2086
        kiln/bin/x86_64-solo5-none-static-cc --specs=picolibc.specs -z solo5-abi="$t" \
            -o "$name.$t" "$name.o" manifest.o $libs
    done
}
