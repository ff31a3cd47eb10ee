#!/usr/bin/env bats
# The installed toolchain: wrappers, layout, a moved install tree, a Solo5 program built unchanged.
load helpers

CC_W=$BIN/x86_64-solo5-none-static-cc
LD_W=$BIN/x86_64-solo5-none-static-ld

@test "toolchain: make install lays out the tree of spec 6.5" {
    p=$BATS_TEST_TMPDIR/prefix
    run make -C "$KILN_TOP" --no-print-directory install PREFIX="$p"
    expect_status 0
    for f in bin/solo5-spt bin/solo5-elftool bin/x86_64-solo5-none-static-cc \
        bin/x86_64-solo5-none-static-ld bin/x86_64-solo5-none-static-objcopy \
        include/solo5/solo5.h include/solo5/mft_abi.h include/solo5/elf_abi.h \
        include/solo5/spt_abi.h include/x86_64-solo5-none-static/stddef.h \
        lib/x86_64-solo5-none-static/solo5_spt.o lib/x86_64-solo5-none-static/solo5_spt.lds; do
        [ -e "$p/$f" ] || { echo "missing $f"; return 1; }
    done
}

@test "toolchain: a moved install tree builds and runs the example unchanged" {
    p=$BATS_TEST_TMPDIR/prefix
    make -C "$KILN_TOP" --no-print-directory install PREFIX="$p" >/dev/null
    mv "$p" "$BATS_TEST_TMPDIR/moved"
    p=$BATS_TEST_TMPDIR/moved
    cp "$KILN_TOP"/examples/hello/{hello.c,manifest.json} "$BATS_TEST_TMPDIR/"
    cd "$BATS_TEST_TMPDIR"
    # the three steps of the README, with nothing but the moved tree on PATH
    PATH=$p/bin:$PATH x86_64-solo5-none-static-cc -c hello.c -o hello.o
    PATH=$p/bin:$PATH solo5-elftool gen-manifest manifest.json manifest.c
    PATH=$p/bin:$PATH x86_64-solo5-none-static-cc -c manifest.c -o manifest.o
    PATH=$p/bin:$PATH x86_64-solo5-none-static-cc -z solo5-abi=spt -o hello.spt hello.o manifest.o
    run "$p/bin/solo5-spt" --mem=2 hello.spt some args
    expect_status 0 "some args"
    run "$p/bin/solo5-elftool" query-abi hello.spt
    [[ "$output" == *'"target": "spt"'* ]]
}

@test "toolchain: cc with no arguments" {
    run "$CC_W"
    expect_status 1 "x86_64-solo5-none-static-cc: No input files. Compilation terminated."
}

@test "toolchain: cc -v is passed to the real compiler" {
    run "$CC_W" -v
    expect_status 0 "gcc version"
}

@test "toolchain: __V traces the real command, with the wrapper's flags" {
    echo 'int f(void) { return 1; }' >"$BATS_TEST_TMPDIR/f.c"
    __V=1 run "$CC_W" -c "$BATS_TEST_TMPDIR/f.c" -o "$BATS_TEST_TMPDIR/f.o"
    expect_status 0 "-ffreestanding"
    [[ "$output" == *"-mstack-protector-guard=global"* ]]
    [[ "$output" == *"-nostdinc"* ]]
}

@test "toolchain: freestanding only: no host C library headers; picolibc's name the missing flag" {
    printf '#include <stdio.h>\nint x;\n' >"$BATS_TEST_TMPDIR/s.c"
    run "$CC_W" -c "$BATS_TEST_TMPDIR/s.c" -o "$BATS_TEST_TMPDIR/s.o"
    expect_status 1 "<stdio.h> is picolibc's: compile and link with --specs=picolibc.specs"
    [[ "$output" != *"No such file"* ]] || { echo "$output"; return 1; }
    printf '#include <sys/time.h>\n' >"$BATS_TEST_TMPDIR/t.c"
    run "$CC_W" -c "$BATS_TEST_TMPDIR/t.c" -o "$BATS_TEST_TMPDIR/t.o"
    expect_status 1 "<sys/time.h> is picolibc's: compile and link with --specs=picolibc.specs"
    # The compiler's own freestanding headers are still the ones found.
    printf '#include <stdint.h>\n#include <stddef.h>\n#include <stdarg.h>\nuint64_t x;\n' \
        >"$BATS_TEST_TMPDIR/f.c"
    run "$CC_W" -c "$BATS_TEST_TMPDIR/f.c" -o "$BATS_TEST_TMPDIR/f.o"
    expect_status 0
}

@test "toolchain: a program that defines main, linked without --specs=picolibc.specs, is told the flag" {
    cd "$BATS_TEST_TMPDIR"
    "$ELFTOOL" gen-manifest "$KILN_TOP/tests/libc/manifest.json" manifest.c
    printf 'int main(void) { return 0; }\n' >m.c
    run "$CC_W" -z solo5-abi=spt -o m.spt m.c manifest.c
    expect_status 1 "main() needs the C library: link with --specs=picolibc.specs"
    # What it said first.
    [[ "${lines[0]}" == *"main() needs the C library"* ]] || { echo "$output"; return 1; }
}

@test "toolchain: linking for an ABI this tree does not have" {
    run "$CC_W" -z solo5-abi=muen -o "$BATS_TEST_TMPDIR/x" "$GUEST/hello/hello.o"
    expect_status 1 "unsupported ABI 'muen'"
}

@test "toolchain: ld -z solo5-abi=spt links a runnable unikernel" {
    run "$LD_W" -z solo5-abi=spt -o "$BATS_TEST_TMPDIR/h.spt" \
        "$GUEST/hello/hello.o" "$GUEST/hello/manifest.o"
    expect_status 0
    run "$SPT" --mem=2 "$BATS_TEST_TMPDIR/h.spt" Hello_Solo5
    expect_success
}

@test "toolchain: the bindings export only the API and the stack protector symbols" {
    run sh -c "nm -g --defined-only '$BIN/../lib/x86_64-solo5-none-static/solo5_spt.o' | awk '{print \$3}' | grep -v -e '^solo5_' -e '^_start' -e '^__stack_chk_guard$' -e '^__stack_chk_fail$'"
    [ -z "$output" ] || { echo "unexpected globals: $output"; return 1; }
}

@test "toolchain: make run builds and runs the example" {
    run make -C "$KILN_TOP" --no-print-directory run
    expect_status 0 "Hello from Kiln"
}

@test "toolchain: cc answers what configure scripts ask: --version, -dumpmachine, -dumpversion" {
    run "$CC_W" --version
    expect_status 0 "x86_64-solo5-none-static-cc (Kiln "
    # then the real compiler's own answer, which Meson reads to tell GCC from Clang
    [[ "${lines[1]}" == *"$(cc -dumpfullversion)"* ]] || { echo "$output"; return 1; }
    run "$CC_W" -dumpmachine
    [ "$status" -eq 0 ] && [ "$output" = x86_64-solo5-none-static ]
    run "$CC_W" -dumpversion
    [ "$status" -eq 0 ] && [ "$output" = "$(cc -dumpversion)" ]
}

@test "toolchain: with no -z solo5-abi, the stub ABI links a trivial main; no tender runs it" {
    cd "$BATS_TEST_TMPDIR"
    printf 'int main(void) { char b[64]; b[0] = 0; return b[0]; }\n' >t.c
    run "$CC_W" -o t t.c
    expect_status 0
    [ -f t ]
    # It carries no ABI note: tenders and elftool refuse it.
    run "$ELFTOOL" query-abi t
    [ "$status" -ne 0 ]
    run "$SPT" --mem=2 t
    expect_status 1 "solo5-spt: t: "
    # A Solo5 program links against it too, every call present.
    printf '#include "solo5.h"\nint solo5_app_main(const struct solo5_start_info *i)\n{ solo5_console_write(i->cmdline, 0); solo5_yield(0, 0); return solo5_block_read(0, 0, 0, 0) == SOLO5_R_OK; }\n' >a.c
    run "$CC_W" -o a a.c
    expect_status 0
}

@test "toolchain: make help lists the targets a newcomer needs" {
    run make -C "$KILN_TOP" --no-print-directory help
    expect_status 0
    for t in run check bench fuzz install clean; do
        [[ "$output" == *"make $t "* ]] || { echo "no make $t in: $output"; return 1; }
    done
}

@test "toolchain: a Meson cross build's compiler checks pass, with picolibc" {
    cd "$BATS_TEST_TMPDIR"
    cat >meson.build <<'M'
project('probe', 'c')
cc = meson.get_compiler('c')
assert(cc.has_header('stdio.h'), 'no stdio.h')
assert(cc.has_function('snprintf', prefix: '#include <stdio.h>'), 'no snprintf')
assert(cc.sizeof('long') == 8, 'sizeof(long)')
executable('probe', 'probe.c', 'manifest.c', link_args: ['-z', 'solo5-abi=spt'])
M
    printf '#include <stdio.h>\nint main(void) { puts("meson probe"); return 0; }\n' >probe.c
    "$ELFTOOL" gen-manifest "$KILN_TOP/tests/libc/manifest.json" manifest.c
    printf '%s\n' "[binaries]" "c = ['$BIN/x86_64-solo5-none-static-cc', '--specs=picolibc.specs']" \
        "ar = 'ar'" "[host_machine]" "system = 'none'" "cpu_family = 'x86_64'" \
        "cpu = 'x86_64'" "endian = 'little'" >cross.txt
    run meson setup --cross-file cross.txt b
    [ "$status" -eq 0 ] || { echo "$output"; return 1; }
    [[ "$output" == *'Has header "stdio.h" : YES'* ]]
    ninja -C b >/dev/null
    run timeout 30 "$SPT" b/probe
    expect_status 0 "meson probe"
}

@test "toolchain: a CMake cross build's compiler checks pass, with picolibc" {
    cd "$BATS_TEST_TMPDIR"
    printf '%s\n' "set(CMAKE_SYSTEM_NAME Generic)" "set(CMAKE_SYSTEM_PROCESSOR x86_64)" \
        "set(CMAKE_C_COMPILER $BIN/x86_64-solo5-none-static-cc)" \
        'set(CMAKE_C_FLAGS_INIT "--specs=picolibc.specs")' \
        'set(CMAKE_EXE_LINKER_FLAGS_INIT "--specs=picolibc.specs")' >toolchain.cmake
    cat >CMakeLists.txt <<'C'
cmake_minimum_required(VERSION 3.13)
project(probe C)
include(CheckSymbolExists)
check_symbol_exists(snprintf stdio.h HAVE_SNPRINTF)
if(NOT HAVE_SNPRINTF)
  message(FATAL_ERROR "no snprintf")
endif()
add_executable(probe.spt probe.c manifest.c)
target_link_options(probe.spt PRIVATE -z solo5-abi=spt)
C
    printf '#include <stdio.h>\nint main(void) { puts("cmake probe"); return 0; }\n' >probe.c
    "$ELFTOOL" gen-manifest "$KILN_TOP/tests/libc/manifest.json" manifest.c
    run cmake -S . -B b -DCMAKE_TOOLCHAIN_FILE=toolchain.cmake
    [ "$status" -eq 0 ] || { echo "$output"; return 1; }
    [[ "$output" == *"Looking for snprintf - found"* ]]
    cmake --build b >/dev/null
    run timeout 30 "$SPT" b/probe.spt
    expect_status 0 "cmake probe"
}

@test "toolchain: a unikernel linked without a manifest is refused with a hint" {
    printf 'int solo5_app_main(void) { return 0; }\n' >"$BATS_TEST_TMPDIR/m.c"
    "$BIN/x86_64-solo5-none-static-cc" -z solo5-abi=spt -o "$BATS_TEST_TMPDIR/m.spt" \
        "$BATS_TEST_TMPDIR/m.c"
    run "$SPT" "$BATS_TEST_TMPDIR/m.spt"
    expect_status 1 "no manifest linked? see solo5-elftool gen-manifest"
    [ "${#lines[@]}" -eq 1 ]
}

@test "toolchain: -Wl,--gc-sections keeps the interpreter, the notes and the multiboot header" {
    cd "$BATS_TEST_TMPDIR"
    "$ELFTOOL" gen-manifest "$KILN_TOP/tests/libc/manifest.json" manifest.c
    printf 'int solo5_app_main(void) { return 7; }\n' >m.c
    for t in spt hvt virtio; do
        "$BIN/x86_64-solo5-none-static-cc" -ffunction-sections -fdata-sections \
            -Wl,--gc-sections -z solo5-abi=$t -o m.$t m.c manifest.c
        readelf -lW m.$t | grep -q 'Requesting program interpreter: /nonexistent/solo5/' ||
            { echo "m.$t lost its interpreter"; readelf -lW m.$t; return 1; }
        "$ELFTOOL" query-manifest m.$t >/dev/null || { echo "m.$t lost its manifest"; return 1; }
    done
    run timeout 30 "$SPT" m.spt
    expect_status 7
    run timeout -k 5 120 "$BIN/solo5-virtio-run" -q m.virtio
    [ "$status" -eq 0 ] && [[ "$output" == *"solo5_exit(7)"* ]] || { echo "$output"; return 1; }
}
