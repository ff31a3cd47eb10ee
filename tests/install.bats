#!/usr/bin/env bats
# make install: docs and examples installed; a moved tree builds every example and runs hello and counter alone.
load helpers

# install_moved: installs into a temporary prefix, then moves the tree elsewhere; sets P.
install_moved() {
    make -C "$KILN_TOP" --no-print-directory install PREFIX="$BATS_TEST_TMPDIR/prefix" \
        DESTDIR= >/dev/null
    mv "$BATS_TEST_TMPDIR/prefix" "$BATS_TEST_TMPDIR/moved"
    P=$BATS_TEST_TMPDIR/moved
}

# only_installed CMD...: CMD with the moved tree's bin/ and the system's, nothing else, on PATH.
only_installed() {
    PATH=$P/bin:/usr/local/bin:/usr/bin:/bin "$@"
}

@test "install: README, LICENSE and every docs/*.md, byte for byte, under share/doc/kiln" {
    install_moved
    d=$P/share/doc/kiln
    cmp "$KILN_TOP/README.md" "$d/README.md"
    cmp "$KILN_TOP/LICENSE" "$d/LICENSE"
    grep -q '^ISC License$' "$d/LICENSE"
    n=0
    for f in "$KILN_TOP"/docs/*.md; do
        cmp "$f" "$d/docs/$(basename "$f")"
        n=$((n + 1))
    done
    [ "$n" -ge 7 ] || { echo "only $n docs"; return 1; }
    # the README's one link resolves inside the installed docs as in the source tree
    link=$(sed -n 's/.*](\([^)]*\)).*/\1/p' "$d/README.md" | head -n 1)
    [ "$link" = docs/spec.md ] && [ -f "$d/$link" ]
}

@test "install: hello, counter, echo, http and https, copied out of a moved tree, build with it alone; hello and counter run" {
    install_moved
    for e in hello counter echo http https; do
        [ -f "$P/share/kiln/examples/$e/Makefile" ] || { echo "no example $e"; return 1; }
    done
    cp -R "$P/share/kiln/examples" "$BATS_TEST_TMPDIR/ex"
    cd "$BATS_TEST_TMPDIR/ex"
    [ "$(only_installed command -v x86_64-solo5-none-static-cc)" = \
        "$P/bin/x86_64-solo5-none-static-cc" ]
    for e in hello counter echo http https; do
        run only_installed make -C "$e" --no-print-directory
        expect_status 0
        for t in spt hvt; do
            [ -f "$e/$e.$t" ] || { echo "no $e/$e.$t"; return 1; }
        done
        run "$P/bin/solo5-elftool" query-abi "$e/$e.spt"
        expect_status 0 '"target": "spt"'
    done
    # the network examples' one source also builds for Linux, with the host's cc
    for e in echo http; do
        run only_installed make -C "$e" --no-print-directory linux
        expect_status 0
        [ -x "$e/$e.linux" ] && [ -f "$e/$e.virtio" ] || { echo "no $e.linux or $e.virtio"; return 1; }
    done
    # the real compiler command names the moved tree, not the source tree's stage
    cd counter
    run only_installed env __V=1 x86_64-solo5-none-static-cc -z solo5-abi=spt -o c2.spt \
        counter.o manifest.o
    expect_status 0 "-L $P/lib/x86_64-solo5-none-static"
    [[ "$output" != *"$KILN_TOP"* ]] || { echo "source tree in: $output"; return 1; }
    cd ..

    run timeout 60s "$P/bin/solo5-spt" --mem=2 hello/hello.spt some args
    expect_status 0 'My command line is: "some args"'

    # counter: a fresh zeroed disk holds 0; each run adds one to sector 0's first 8 bytes
    truncate -s 8192 disk.img
    run timeout 60s "$P/bin/solo5-spt" --mem=2 --block:storage=disk.img counter/counter.spt
    expect_status 0
    [ "$(printf '%s\n' "$output" | grep '^counter: ')" = "counter: 1" ] ||
        { echo "$output"; return 1; }
    [ "$(od -An -tx1 -v -N 8 disk.img | tr -d ' ')" = 0100000000000000 ]
    run timeout 60s "$P/bin/solo5-spt" --mem=2 --block:storage=disk.img counter/counter.spt
    expect_status 0
    [ "$(printf '%s\n' "$output" | grep '^counter: ')" = "counter: 2" ] ||
        { echo "$output"; return 1; }
    # exactly those 8 bytes changed: byte 0 is 2, the rest of the 8 KiB still zero
    printf '\002' >want.img
    truncate -s 8192 want.img
    cmp disk.img want.img
    # no device attached: refused by the tender before the guest runs
    run timeout 60s "$P/bin/solo5-spt" --mem=2 counter/counter.spt
    [ "$status" -eq 1 ] || { echo "status $status: $output"; return 1; }
}

@test "install: an OCaml program builds with the moved tree's ocamlopt wrapper alone and runs; and one using fmt with its ocamlfind toolchain solo5" {
    install_moved
    [ -f "$P/lib/x86_64-solo5-none-static/ocaml/libasmrun.a" ] || { echo "no OCaml runtime"; return 1; }
    cd "$BATS_TEST_TMPDIR"
    printf '%s\n' 'let () = Printf.printf "installed OCaml: %s %.17g\n" Sys.argv.(1) 0.1; exit 5' >p.ml
    run only_installed env __V=1 x86_64-solo5-none-static-ocamlopt -verbose -z solo5-abi=spt \
        p.ml -o p.spt
    expect_status 0 "$P/lib/x86_64-solo5-none-static/ocaml/libasmrun.a"
    [[ "$output" != *"$KILN_TOP"* ]] || { echo "source tree in: $output"; return 1; }
    run timeout 60s "$P/bin/solo5-spt" --mem=16 p.spt arg
    expect_status 5 "installed OCaml: arg 0.10000000000000001"
    # The moved tree's ocamlfind toolchain solo5, with a Debian findlib package (fmt).
    printf '%s\n' 'let () = Fmt.pr "fmt: %a@." Fmt.(Dump.list int) [4; 2]' >f.ml
    run only_installed env OCAMLFIND_CONF="$P/lib/x86_64-solo5-none-static/ocaml/findlib.conf" \
        ocamlfind -toolchain solo5 ocamlopt -verbose -package fmt -linkpkg \
        -passopt -z -passopt solo5-abi=spt f.ml -o f.spt
    expect_status 0 "$P/lib/x86_64-solo5-none-static/ocaml/libasmrun.a"
    run timeout 60s "$P/bin/solo5-spt" --mem=16 f.spt
    expect_status 0 "fmt: [4; 2]"
}

@test "install: the OCaml examples build from the installed tree (path(solo5) names it) and run; moved, with OCAMLPATH" {
    make -C "$KILN_TOP" --no-print-directory install PREFIX="$BATS_TEST_TMPDIR/prefix" \
        DESTDIR= >/dev/null
    P=$BATS_TEST_TMPDIR/prefix
    local l=$P/lib/x86_64-solo5-none-static/ocaml
    grep -qF "path(solo5) = \"$l:" "$l/findlib.conf.d/solo5.conf" ||
        { cat "$l/findlib.conf.d/solo5.conf"; return 1; }
    [ -f "$l/solo5/solo5.cmxa" ] && [ -f "$l/solo5/solo5_lwt.cmxa" ] || { echo "no solo5 package"; return 1; }
    cp -R "$P/share/kiln/examples" "$BATS_TEST_TMPDIR/ex"
    cd "$BATS_TEST_TMPDIR/ex"
    run only_installed make -C ocaml-counter --no-print-directory
    expect_status 0
    truncate -s 4096 disk.img
    run timeout 60s "$P/bin/solo5-spt" --mem=16 --block:storage=disk.img ocaml-counter/counter.spt
    expect_status 0 "counter: 1"
    [ "$(od -An -tx1 -v -N 8 disk.img | tr -d ' ')" = 0100000000000000 ]
    # Moved: path(solo5) names the old place; OCAMLPATH names the new one for ocamlfind.
    mv "$P" "$BATS_TEST_TMPDIR/moved"
    P=$BATS_TEST_TMPDIR/moved
    run only_installed make -C ocaml-ping --no-print-directory
    [ "$status" -ne 0 ] || { echo "built with no solo5 package to find: $output"; return 1; }
    run only_installed env OCAMLPATH="$P/lib/x86_64-solo5-none-static/ocaml" \
        make -C ocaml-ping --no-print-directory
    expect_status 0
    for t in spt hvt virtio; do
        run "$P/bin/solo5-elftool" query-manifest "ocaml-ping/ping.$t"
        expect_status 0 '"service"'
    done
}
