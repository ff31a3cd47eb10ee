#!/usr/bin/env bats
# Short libFuzzer runs (10 s each, from the seed corpora) of every fuzz target; any crash fails.
load helpers

setup() {
    FUZZ_CC=$(sed -n 's/^FUZZ_CC := *//p' "$KILN_TOP/config.mk")
    command -v "$FUZZ_CC" >/dev/null ||
        skip "no libFuzzer compiler ($FUZZ_CC): scripts/deps.sh installs clang"
}

# fuzz NAME: runs build/tests/fuzz/NAME for 10 seconds; fails on a crash, leak or timeout.
fuzz() {
    local bin=$KILN_TOP/build/tests/fuzz/$1
    [ -x "$bin" ] || { echo "$bin is not built (make test-build)"; return 1; }
    run "$KILN_TOP/tests/fuzz/run.sh" 10 "$bin"
    [ "$status" -eq 0 ] || { echo "$output" | tail -n 40; return 1; }
}

@test "fuzz: every fuzz target has a test here" {
    local f
    for f in "$KILN_TOP"/tests/fuzz/fuzz_*.c; do
        f=$(basename "$f" .c)
        grep -q "^    fuzz $f\$" "$BATS_TEST_FILENAME" || { echo "no test runs $f"; return 1; }
    done
}

@test "fuzz: fuzz_elf (ELF loader, notes) runs 10 s without a crash" {
    fuzz fuzz_elf
}

@test "fuzz: fuzz_manifest (manifest JSON, binary manifests) runs 10 s without a crash" {
    fuzz fuzz_manifest
}

@test "fuzz: fuzz_hvt_hypercall (hvt hypercall handlers) runs 10 s without a crash" {
    fuzz fuzz_hvt_hypercall
}

@test "fuzz: fuzz_hvt_ring (hvt net ring server) runs 10 s without a crash" {
    fuzz fuzz_hvt_ring
}

@test "fuzz: fuzz_gdb_packet (hvt gdb stub: framing, checksums, commands, replies) runs 10 s without a crash" {
    fuzz fuzz_gdb_packet
}

@test "fuzz: fuzz_virtio_multiboot (virtio multiboot memory map, command line) runs 10 s without a crash" {
    fuzz fuzz_virtio_multiboot
}

@test "fuzz: fuzz_virtio_ring (virtio PCI scan, device configs, used rings) runs 10 s without a crash" {
    fuzz fuzz_virtio_ring
}

@test "fuzz: fuzz_net_input (frames into lwIP through the netif input path, tiny pools) runs 10 s without a crash" {
    fuzz fuzz_net_input
}

@test "fuzz: fuzz_net_config (the --ipv4 options taken out of argv) runs 10 s without a crash" {
    fuzz fuzz_net_config
}
