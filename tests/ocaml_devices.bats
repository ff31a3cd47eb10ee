#!/usr/bin/env bats
# OCaml's device library (ocaml/solo5/: findlib packages solo5 and solo5.lwt) and its examples, examples/ocaml-counter and examples/ocaml-ping, on spt, virtio and hvt.
load helpers
load virtio/helpers
load hvt/helpers

E=$KILN_TOP/build/examples
FINDLIB_CONF=$KILN_TOP/build/stage/lib/x86_64-solo5-none-static/ocaml/findlib.conf

setup_file() {
    export KILN_NS=kocaml$$
    "$KILN_TOP/scripts/kiln-netns" create "$KILN_NS"
}

teardown() {
    kill_spt
    kill_vrun
}

teardown_file() {
    "$KILN_TOP/scripts/kiln-netns" destroy "$KILN_NS"
}

# need_example NAME: examples/NAME's unikernels were built (make test-build).
need_example() {
    [ -f "$E/$1/.built" ] || { echo "$E/$1 was not built (make test-build)"; return 1; }
}

# solo5_env CMD...: CMD with the staged tools on PATH and the staged findlib.conf.
solo5_env() {
    [ -f "$FINDLIB_CONF" ] || { echo "no $FINDLIB_CONF (make)"; return 1; }
    PATH=$BIN:$PATH OCAMLFIND_CONF=$FINDLIB_CONF "$@"
}

# disk_count FILE: the counter on FILE, the first 8 bytes little-endian, in decimal.
disk_count() {
    od -An -t u8 -N 8 "$1" | tr -d ' '
}

# ping_spt LOG ARGS...: the ping example on spt (--mem=16) in the background in the
# namespace, attached to tap100; waits until the guest runs.
ping_spt() {
    local log=$1
    shift
    in_ns "$SPT" --mem=16 --net:service=tap100 "$@" >"$log" 2>&1 &
    SPT_PID=$!
    wait_started "$log"
}

# ---- the library ------------------------------------------------------------------

@test "ocaml devices: solo5 and solo5.lwt are findlib packages of the toolchain solo5, solo5.lwt over Debian's lwt" {
    run solo5_env ocamlfind -toolchain solo5 ocamlopt -only-show -package solo5.lwt -linkpkg x.ml
    expect_status 0 "x86_64-solo5-none-static-ocamlopt"
    local s=$KILN_TOP/build/stage/lib/x86_64-solo5-none-static/ocaml/solo5
    [[ "$output" == *"$s/solo5.cmxa"* && "$output" == *"/lwt/lwt.cmxa"* &&
        "$output" == *"$s/solo5_lwt.cmxa"* ]] || { echo "archives: $output"; return 1; }
    # Lwt's core is OCaml alone: its archive names no C objects or options to link.
    run ocamlobjinfo "$(ocamlfind query lwt)/lwt.cmxa"
    expect_status 0
    [ "$(printf '%s\n' "$output" | grep -cxE 'Extra C (object files|options):')" -eq 2 ] ||
        { echo "$output" | grep -A2 '^Extra C'; return 1; }
    # The stubs of solo5.cmxa: libsolo5_stubs.a, built for the unikernel.
    run ar t "$s/libsolo5_stubs.a"
    expect_status 0 solo5_stubs.o
}

@test "ocaml devices: dune build -x solo5 links solo5 and solo5.lwt; on spt: console, clocks, yield, Lwt's loop, argv, errors, exit 3" {
    cp -R "$KILN_TOP/tests/ocaml/dune-solo5" "$BATS_TEST_TMPDIR/p"
    cd "$BATS_TEST_TMPDIR/p"
    run solo5_env dune build -x solo5 --root . 2>&1
    expect_status 0
    local exe=_build/default.solo5/devices.exe now
    [ -f "$exe" ] || { echo "dune built no $exe: $(find _build -name '*.exe')"; return 1; }
    now=$(date +%s)
    run timeout 60s "$SPT" --mem=16 "$exe" one --key=v1 --key=v2 --exit=3
    expect_status 3 "Solo5: solo5_exit(3) called"
    local l
    for l in "devices: console_write" "party" "yield 100 ms: ready set 0, waited >= 100 ms: true" \
        "lwt: a b, pick short, 80 ms <= elapsed < 5 s: true" \
        "lwt: Solo5_lwt.run: nothing can resolve the promise" \
        "acquire nosuch: Invalid, Invalid" "bad range: Invalid_argument Solo5.console_write" \
        "argv: one --key=v1 --key=v2 --exit=3; --key: v2"; do
        printf '%s\n' "$output" | tr -d '\r' | grep -qxF -- "$l" ||
            { echo "no line '$l' in: $output"; return 1; }
    done
    # The wall clock is the host's (within a minute).
    local wall
    wall=$(printf '%s\n' "$output" | sed -n 's/^wall: \([0-9]*\).*/\1/p')
    [ -n "$wall" ] && [ $((wall - now)) -le 60 ] && [ $((now - wall)) -le 60 ] ||
        { echo "wall clock $wall, host $now"; return 1; }
}

# ---- spt ----------------------------------------------------------------------------

@test "ocaml devices spt: the counter counts 1, 2, 3 across runs, the count on the disk; 4096-byte sectors too" {
    need_example ocaml-counter
    local f=$BATS_TEST_TMPDIR/disk n
    truncate -s 1M "$f"
    for n in 1 2 3; do
        run timeout 60s "$SPT" --mem=16 --block:storage="$f" "$E/ocaml-counter/counter.spt"
        expect_status 0 "counter: $n"
        [ "$(disk_count "$f")" = "$n" ] || { echo "on disk: $(disk_count "$f"), want $n"; return 1; }
    done
    # The rest of sector 0 stays zero; the image keeps its size.
    [ "$(od -An -v -t u1 -j 8 -N 504 "$f" | tr -d ' 0\n')" = "" ] || { echo "sector 0 changed"; return 1; }
    [ "$(stat -c %s "$f")" -eq 1048576 ] || { echo "the image changed size"; return 1; }
    rm "$f" && truncate -s 1M "$f" && printf '\051' | dd of="$f" bs=1 conv=notrunc status=none
    run timeout 60s "$SPT" --mem=16 --block:storage="$f" --block-sector-size:storage=4096 \
        "$E/ocaml-counter/counter.spt"
    expect_status 0 "counter: 42"
    [ "$(disk_count "$f")" = 42 ] || { echo "on disk: $(disk_count "$f")"; return 1; }
}

@test "ocaml devices spt: ping answers ARP and 601 pings of 0, 56 and 1472 bytes, none lost; its MAC is --net-mac's" {
    need_example ocaml-ping
    local log=$BATS_TEST_TMPDIR/log
    ping_spt "$log" --net-mac:service=02:4b:49:4c:4e:07 -- "$E/ocaml-ping/ping.spt" --count=601
    local size
    for size in 0 56 1472; do
        ping_ok 10.0.0.2 200 "$size"
    done
    # The neighbour table while the tap is up (link down flushes it), then the last ping.
    run in_ns ip neigh show 10.0.0.2 dev tap100
    [[ "$output" == *"02:4b:49:4c:4e:07"* ]] || { echo "neighbour: $output"; return 1; }
    ping_ok 10.0.0.2 1 56
    wait_spt "$log"
    expect_status 0 "ping: done, replies: 601"
    [[ "$output" == *"ping: 10.0.0.2, MAC 02:4b:49:4c:4e:07, MTU 1500"* ]] || { echo "$output"; return 1; }
}

@test "ocaml devices spt: ping with --ipv4 answers that address; --idle=1 ends it (Lwt.pick of a frame and a sleep)" {
    need_example ocaml-ping
    local log=$BATS_TEST_TMPDIR/log t0
    ping_spt "$log" -- "$E/ocaml-ping/ping.spt" --ipv4=10.0.0.9 --idle=1
    ping_ok 10.0.0.9 20 56
    t0=$SECONDS
    wait_spt "$log"
    expect_status 0 "ping: idle, replies: 20"
    [ $((SECONDS - t0)) -le 10 ] || { echo "idle took $((SECONDS - t0)) s"; return 1; }
}

# ---- virtio (QEMU) -------------------------------------------------------------------

@test "ocaml devices virtio: the counter counts 1, 2 across runs, the count on the disk" {
    need_example ocaml-counter
    local f=$BATS_TEST_TMPDIR/disk n
    truncate -s 1M "$f"
    for n in 1 2; do
        vrun -d "$f" -- "$E/ocaml-counter/counter.virtio"
        not_hung
        expect_status 0 "counter: $n"
        [ "$(disk_count "$f")" = "$n" ] || { echo "on disk: $(disk_count "$f"), want $n"; return 1; }
    done
}

@test "ocaml devices virtio: ping answers ARP and 300 pings through a tap, none lost" {
    need_example ocaml-ping
    local log=$BATS_TEST_TMPDIR/log
    vrun_bg "$log" -n tap100 -- "$E/ocaml-ping/ping.virtio" --count=300
    ping_ok 10.0.0.2 150 56
    ping_ok 10.0.0.2 150 1472
    wait_vrun "$log"
    not_hung
    expect_status 0 "ping: done, replies: 300"
}

# ---- hvt (tests/hvt/cases/ocaml_dev_*.sh, on KVM or in the test VM) --------------------

# devices_hvt_case NAME: the result of hvt case NAME: from the run of every case, or else
# from a kvm-exec run of the ocaml_dev_* cases alone (hvt_case_results).
devices_hvt_case() {
    KILN_HVT_RESULTS=$(hvt_case_results 'ocaml_dev_*') hvt_case "$1"
}

@test "ocaml devices hvt: the counter counts 1, 2, 3 across runs, the count on the disk" {
    devices_hvt_case ocaml_dev_counter
}

@test "ocaml devices hvt: ping answers ARP and pings through a tap, none lost" {
    devices_hvt_case ocaml_dev_ping
}
