#!/usr/bin/env bats
# OCaml unikernels (ocaml/rules.mk, tests/ocaml/): Debian's OCaml runtime built freestanding, programs linked by x86_64-solo5-none-static-ocamlopt, on spt, virtio and hvt, against the same programs run natively.
load helpers
load virtio/helpers
load hvt/helpers

O=$KILN_TOP/build/tests/ocaml
OCAMLOPT=$BIN/x86_64-solo5-none-static-ocamlopt

# need_ocaml NAME: NAME (hello.spt, ...) was built (make test-build).
need_ocaml() {
    [ -f "$O/$1" ] || { echo "$O/$1 was not built (make test-build)"; return 1; }
}

# between_markers: the lines of $output from BEGIN to END, the guest's own output.
between_markers() {
    printf '%s\n' "$output" | tr -d '\r' | sed -n '/^BEGIN$/,/^END$/p'
}

# same_as_native NAME TEXT: TEXT is exactly what NAME.native prints on Linux.
same_as_native() {
    local want=$BATS_TEST_TMPDIR/native got=$BATS_TEST_TMPDIR/guest
    "$O/$1.native" >"$want" || { echo "$1.native failed"; return 1; }
    printf '%s\n' "$2" >"$got"
    [ "$(wc -l <"$want")" -gt 3000 ] || { echo "native output too short: $(wc -l <"$want") lines"; return 1; }
    diff "$want" "$got" >"$BATS_TEST_TMPDIR/diff" ||
        { echo "differs from Linux:"; head -n 20 "$BATS_TEST_TMPDIR/diff"; return 1; }
    grep -qx 'roundtrip failures: 0' "$got" || { echo "round trips failed"; return 1; }
}

# ---- the build --------------------------------------------------------------------

@test "ocaml: OCaml's own configure (cross, host x86_64-solo5-none) and make built libasmrun.a" {
    local c=$KILN_TOP/build/ocaml/src rt=$KILN_TOP/build/stage/lib/x86_64-solo5-none-static/ocaml
    grep -qx 'ARCH=amd64' "$c/Makefile.config"
    grep -qx 'SYSTEM=none' "$c/Makefile.config"
    grep -q '^checking whether we are cross compiling... yes' "$KILN_TOP/build/ocaml/configure.log"
    grep -q '^/\* #undef HAS_STACK_OVERFLOW_DETECTION \*/' "$c/runtime/caml/s.h"
    grep -q '^/\* #undef POSIX_SIGNALS \*/' "$c/runtime/caml/s.h"
    # OCaml's objects and Kiln's layer, in the staged archive.
    run ar t "$rt/libasmrun.a"
    [[ "$output" == *amd64.o* && "$output" == *startup_nat.n.o* && "$output" == *ocaml_dir.o* ]] ||
        { echo "members: $output"; return 1; }
}

@test "ocaml: the wrapper refuses a host ocamlopt of another version than the runtime's" {
    printf '#!/bin/sh\necho 4.14.0\n' >"$BATS_TEST_TMPDIR/ocamlopt"
    chmod +x "$BATS_TEST_TMPDIR/ocamlopt"
    KILN_OCAMLOPT=$BATS_TEST_TMPDIR/ocamlopt run "$OCAMLOPT" -z solo5-abi=spt x.ml
    expect_status 1 "the host's ocamlopt is OCaml 4.14.0; this runtime is OCaml 4.13.1's"
}

@test "ocaml: the wrapper links a manifest given as .json; without one, none of devices" {
    cd "$BATS_TEST_TMPDIR"
    cp "$KILN_TOP/tests/ocaml/hello.ml" .
    printf '%s\n' '{ "type": "solo5.manifest", "version": 1,' \
        '  "devices": [ { "name": "storage", "type": "BLOCK_BASIC" } ] }' >m.json
    "$OCAMLOPT" -z solo5-abi=spt hello.ml m.json -o withblk.spt
    run "$ELFTOOL" query-manifest withblk.spt
    [[ "$output" == *'"storage"'* ]] || { echo "no storage in: $output"; return 1; }
    truncate -s 4096 disk.img
    run timeout 60s "$SPT" --mem=16 --block:storage=disk.img withblk.spt
    expect_status 0 "Hello from OCaml"
    "$OCAMLOPT" -z solo5-abi=spt hello.cmx -o plain.spt
    run "$ELFTOOL" query-manifest plain.spt
    [[ "$output" != *storage* ]] || { echo "a device in: $output"; return 1; }
}

# ---- dune and findlib packages (the ocamlfind toolchain solo5) ------------------------

FINDLIB_CONF=$KILN_TOP/build/stage/lib/x86_64-solo5-none-static/ocaml/findlib.conf

# solo5_env CMD...: CMD with the staged tools on PATH and the staged findlib.conf
# (the host's packages, and the toolchain solo5 in findlib.conf.d).
solo5_env() {
    [ -f "$FINDLIB_CONF" ] || { echo "no $FINDLIB_CONF (make)"; return 1; }
    PATH=$BIN:$PATH OCAMLFIND_CONF=$FINDLIB_CONF "$@"
}

# same_output_as NATIVE: the guest's lines in $output (from "dune hello:" to before
# solo5_exit) are exactly what NATIVE prints for the same arguments (exit 3).
same_output_as() {
    local want got
    want=$("$1" exit 3) && { echo "native did not exit 3"; return 1; }
    got=$(printf '%s\n' "$output" | tr -d '\r' | sed -n '/^dune hello: /,/^Solo5: solo5_exit/p' | sed '$d')
    [ -n "$want" ] && [ "$want" = "$got" ] || { echo "guest: [$got], Linux: [$want]"; return 1; }
}

@test "ocaml: ocamlfind -toolchain solo5 has the wrapper as ocamlopt and the host's packages" {
    run solo5_env ocamlfind -toolchain solo5 ocamlopt -only-show -package fmt -linkpkg x.ml
    expect_status 0 "x86_64-solo5-none-static-ocamlopt"
    [[ "$output" == *"/fmt/fmt.cmxa"* ]] || { echo "no fmt.cmxa in: $output"; return 1; }
}

@test "ocaml: dune build -x solo5 builds a dune project using Debian's fmt; on spt it prints as on Linux and exits 3" {
    cp -R "$KILN_TOP/tests/ocaml/dune-hello" "$BATS_TEST_TMPDIR/p"
    cd "$BATS_TEST_TMPDIR/p"
    run solo5_env dune build -x solo5 --root . 2>&1
    expect_status 0
    local exe=_build/default.solo5/hello.exe
    [ -f "$exe" ] || { echo "dune built no $exe: $(find _build -name '*.exe')"; return 1; }
    # Linked by the wrapper: a Solo5 unikernel with its manifest.
    run "$ELFTOOL" query-manifest "$exe"
    expect_status 0 '"solo5.manifest"'
    run timeout 60s "$SPT" --mem=16 "$exe" exit 3
    expect_status 3 "Solo5: solo5_exit(3) called"
    ocamlfind ocamlopt -package fmt -linkpkg hello.ml -o native 2>&1
    same_output_as ./native
}

@test "ocaml: Debian's fmt (findlib, no C stubs) links unchanged through ocamlfind -toolchain solo5; runs on spt as on Linux" {
    cd "$BATS_TEST_TMPDIR"
    cp "$KILN_TOP/tests/ocaml/dune-hello/hello.ml" .
    run solo5_env ocamlfind -toolchain solo5 ocamlopt -package fmt -linkpkg \
        -passopt -z -passopt solo5-abi=spt hello.ml -o hello.spt 2>&1
    expect_status 0
    run timeout 60s "$SPT" --mem=16 hello.spt exit 3
    expect_status 3 "Solo5: solo5_exit(3) called"
    ocamlfind ocamlopt -package fmt -linkpkg hello.ml -o native 2>&1
    same_output_as ./native
}

# ---- spt ----------------------------------------------------------------------------

@test "ocaml spt: print_endline and Printf reach the console, argv arrives, exit 0" {
    need_ocaml hello.spt
    run timeout 60s "$SPT" --mem=16 "$O/hello.spt" one two
    expect_status 0 "Hello from OCaml"
    [[ "$output" == *"argc 3: [one] [two]"* ]] || { echo "argv: $output"; return 1; }
    [[ "$output" == *"Solo5: solo5_exit(0) called"* ]] || { echo "$output"; return 1; }
}

@test "ocaml spt: exit N is the unikernel's exit status" {
    need_ocaml hello.spt
    run timeout 60s "$SPT" --mem=16 "$O/hello.spt" exit 7
    expect_status 7 "Solo5: solo5_exit(7) called"
    run timeout 60s "$SPT" --mem=16 "$O/hello.spt" exit 255
    expect_status 255
}

@test "ocaml spt: an uncaught exception prints OCaml's fatal error and exits 2" {
    need_ocaml hello.spt
    run timeout 60s "$SPT" --mem=16 "$O/hello.spt" raise
    expect_status 2 'Fatal error: exception Failure("raised on purpose")'
}

@test "ocaml spt: the GC (lists, a hash table, Gc.compact) gives Linux's results in --mem=32" {
    need_ocaml hello.spt
    local want
    want=$("$O/hello.native" gc | grep '^gc: ')
    [[ "$want" == "gc: sum 19999900000, table 28572, major collections > 0: true" ]] ||
        { echo "native: $want"; return 1; }
    run timeout 60s "$SPT" --mem=32 "$O/hello.spt" gc
    expect_status 0 "$want"
}

@test "ocaml spt: hello runs in --mem=8; in --mem=4 the heaps do not fit: Out_of_memory, exit 2" {
    need_ocaml hello.spt
    run timeout 60s "$SPT" --mem=8 "$O/hello.spt"
    expect_status 0 "Hello from OCaml"
    run timeout 60s "$SPT" --mem=4 "$O/hello.spt"
    expect_status 2 "Fatal error: exception Out_of_memory"
}

@test "ocaml spt: no files, directories or processes (Sys_error ENOSYS), stdin at end of file, Sys.time advances" {
    need_ocaml sys.spt
    run timeout 60s "$SPT" --mem=16 "$O/sys.spt"
    expect_status 0
    local l
    for l in "executable_name: sys" "os_type: Unix" \
        "open_in: Sys_error /etc/passwd: Function not implemented" \
        "open_out: Sys_error x: Function not implemented" \
        "readdir: Sys_error .: Function not implemented" \
        "chdir: Sys_error /: Function not implemented" "file_exists: false" \
        "command: Sys_error true: Function not implemented" "getenv HOME: none" \
        "read_line: End_of_file" "time advances: true (30000000)" "random: true"; do
        printf '%s\n' "$output" | grep -qxF -- "$l" || { echo "no line '$l' in: $output"; return 1; }
    done
}

@test "ocaml spt: floats print and parse exactly as on Linux (string_of_float, %.17g, %h, %e, %f, float_of_string)" {
    need_ocaml floats.spt
    run timeout 60s "$SPT" --mem=16 "$O/floats.spt"
    expect_status 0
    # An x after "0." is no hex prefix: strtod stops there, float_of_string refuses.
    [[ "$output" == *"0.x00a -> refused"* ]] || { echo "$output" | grep x00a; return 1; }
    same_as_native floats "$(between_markers)"
}

# ---- virtio (QEMU) -------------------------------------------------------------------

@test "ocaml virtio: hello prints, and exit 7 is reported" {
    need_ocaml hello.virtio
    vrun "$O/hello.virtio" exit 7
    not_hung
    [[ "$output" == *"Hello from OCaml"* && "$output" == *"argc 3: [exit] [7]"* ]] ||
        { echo "$output"; return 1; }
    [[ "$output" == *"Solo5: solo5_exit(7) called"* ]] || { echo "$output"; return 1; }
}

@test "ocaml virtio: floats print and parse exactly as on Linux" {
    need_ocaml floats.virtio
    vrun "$O/floats.virtio"
    not_hung
    same_as_native floats "$(between_markers)"
}

# ---- hvt (tests/hvt/cases/ocaml.sh, on KVM or in the test VM) -------------------------

# ocaml_hvt_case NAME: the result of hvt case NAME: from the run of every case, or else
# from a kvm-exec run of the ocaml case alone (hvt_case_results).
ocaml_hvt_case() {
    KILN_HVT_RESULTS=$(hvt_case_results 'ocaml') hvt_case "$1"
}

@test "ocaml hvt: hello, exit 7, an uncaught exception, the GC and the float round trips" {
    ocaml_hvt_case ocaml
}

@test "ocaml hvt: floats print and parse exactly as on Linux (the case's output, compared here)" {
    local d
    d=$(hvt_case_results 'ocaml')
    [ -f "$d/ocaml.out" ] || { echo "the ocaml case left no output in $d"; return 1; }
    same_as_native floats "$(sed -n 's/^floats| //p' "$d/ocaml.out")"
}
