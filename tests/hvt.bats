#!/usr/bin/env bats
# solo5-hvt on KVM: the reference suite's hvt column, one tests/hvt/cases/*.sh each, all
# run once by tests/kvm/kvm-exec (on /dev/kvm here, or inside a QEMU VM without it).
load helpers
load hvt/helpers

setup_file() {
    hvt_setup_file
}

# ---- the machine --------------------------------------------------------------

@test "hvt: /dev/kvm opens, creates a VM and runs guest code" {
    hvt_case kvm
}

@test "hvt: the test network namespace has its taps and addresses" {
    hvt_case netns
}

# ---- the reference suite (spec section 8, hvt column) -------------------------

@test "hvt: a unikernel executed directly on the host is refused" {
    hvt_case noexec
}

@test "hvt: hello prints its command line, fails on another" {
    hvt_case hello
}

@test "hvt: hello runs with --mem=2" {
    hvt_case hello_mem2
}

@test "hvt: quiet prints nothing of the bindings" {
    hvt_case quiet
}

@test "hvt: output writes 4 KiB and more in one go" {
    hvt_case output
}

@test "hvt: globals" {
    hvt_case globals
}

@test "hvt: exception (write at 2^34) traps with #PF and aborts" {
    hvt_case exception
}

@test "hvt: zeropage (write to address 8) aborts" {
    hvt_case zeropage
}

@test "hvt: notls (%fs access with TLS base 0) aborts" {
    hvt_case notls
}

@test "hvt: xnow (write to .text) is a host/guest translation fault" {
    hvt_case xnow
}

@test "hvt: wnox (execute .data) is not enforced on Linux/KVM" {
    hvt_case wnox
}

@test "hvt: xstack (execute on the stack) is not enforced on Linux/KVM" {
    hvt_case xstack
}

@test "hvt: xheap (execute on the heap) is not enforced on Linux/KVM" {
    hvt_case xheap
}

@test "hvt: tls blocks keep their own values" {
    hvt_case tls
}

@test "hvt: ssp catches a stack buffer overflow" {
    hvt_case ssp
}

@test "hvt: fpu" {
    hvt_case fpu
}

@test "hvt: time (clocks, past deadline, 5 x 1 s yields, wall clock)" {
    hvt_case time
}

@test "hvt: solo5_exit statuses reach the host truncated to 8 bits" {
    hvt_case exit
}

@test "hvt: solo5_abort exits 255" {
    hvt_case abort
}

@test "hvt: the heap is aligned, at least 512 KiB, all usable, grows with --mem" {
    hvt_case memory
}

@test "hvt: --mem is rounded down to 2 MiB pages, up to 4096 MB" {
    hvt_case mem_sizes
}

@test "hvt: guest memory's first and last 2 MiB get no transparent huge pages" {
    hvt_case mem_small_ends
}

@test "hvt: less than 512 KiB above the image refuses to start" {
    hvt_case nomem
}

@test "hvt: blk on a 4 MiB image, 512-byte sectors" {
    hvt_case blk
}

@test "hvt: --trace and --stats show the block guest's requests, counts and bytes" {
    hvt_case trace
}

@test "hvt: blk on a 4 MiB image, 4096-byte sectors" {
    hvt_case blk_4096
}

@test "hvt: blk_multi: requests of one block to 1 MiB at 512 and 4096, refusals, flush, the bytes on disk" {
    hvt_case blk_multi
}

@test "hvt: blk_multi on a tender that withholds the block features: the bindings split, flush is EUNSPEC" {
    hvt_case blk_multi_nofeat
}

@test "hvt: blk: SIGKILL while writing loses no acknowledged block" {
    hvt_case blk_durable
}

@test "hvt: blk: a missing backing file names the reason, a FIFO is refused" {
    hvt_case blk_errors
}

@test "hvt: blk: a backing file not block aligned is refused" {
    hvt_case blk_misaligned
}

@test "hvt: blk: a sector size that is not a power of two is refused" {
    hvt_case blk_odd
}

@test "hvt: blk: a sector size below 512 is refused" {
    hvt_case blk_too_small
}

@test "hvt: 63 block devices accepted, a 64th refused" {
    hvt_case maxdev
}

@test "hvt: a manifest note with n_descsz 1 (buggyelf) is refused" {
    hvt_case buggyelf
}

@test "hvt: net answers ARP and pings of varied sizes, no loss" {
    hvt_case net
}

@test "hvt: net payloads come back intact (deadbeef), ring and hypercalls" {
    hvt_case net_pattern
}

@test "hvt: net with --no-net-ring: the hypercall path, no loss" {
    hvt_case net_noring
}

@test "hvt: a guest flooding the tap does not hurt the tender (ring and hypercalls)" {
    hvt_case net_flood
}

@test "hvt: net attach errors are one line each" {
    hvt_case net_errors
}

@test "hvt: net on two interfaces at once" {
    hvt_case net_2if
}

@test "hvt: the lwIP stack answers ping before and after fragmenting, ring and hypercalls" {
    hvt_case netstack
}

@test "hvt: sockets: http keep-alive, a checked echo stream, many connections, UDP, a client" {
    hvt_case sockets
}

@test "hvt: https: curl fetches exact pages over TLS 1.2; another CA and junk are turned away" {
    hvt_case https
}

@test "hvt: net sees the tap's MTU (9000)" {
    hvt_case net_mtu
}

@test "hvt: mixed device types, handles are manifest indices" {
    hvt_case mixed
}

# ---- specialized tenders (solo5-hvt-configure) --------------------------------

@test "hvt specialized: the console-only tender passes hello's case" {
    hvt_case spec_console
}

@test "hvt specialized: the net-only tender passes the net case" {
    hvt_case spec_net
}

@test "hvt specialized: the block-only tender passes the block case" {
    hvt_case spec_blk
}

@test "hvt specialized: the net+block tender passes the mixed case" {
    hvt_case spec_mixed
}

@test "hvt specialized: a unikernel needing a missing module is refused in one line" {
    hvt_case spec_refuse
}

@test "hvt specialized: hypercalls of modules not linked in are invalid hypercalls" {
    hvt_case spec_unlinked_hc
}

@test "hvt specialized: each installed filter allows exactly what --describe counts" {
    hvt_case spec_filter
}

@test "hvt specialized: the make fragment's tender runs the example it was built with" {
    hvt_case spec_fragment
}

# ---- the C runtime (picolibc) -------------------------------------------------

@test "hvt: a C program over picolibc: main(argc, argv), stdio, heap, clocks, exit status" {
    hvt_case libc
}

@test "hvt: picolibc's own tests all pass or are expected (one test each in picolibc.bats)" {
    hvt_case libc_picolibc
}

# ---- debugging ----------------------------------------------------------------

@test "hvt: gdb (--gdb) breaks, steps, reads locals and r12-r15, watches, detaches; hostile packets get errors; an abort reaches gdb" {
    hvt_case gdb
}

@test "hvt: dumpcore (--dumpcore=DIR) writes an abort's and a trap's core, gdb's backtrace names the function and its caller; a normal exit writes none" {
    hvt_case dumpcore
}

# ---- the suite itself ---------------------------------------------------------

@test "hvt: every case is reported by exactly one test" {
    cd "$KILN_TOP"
    for c in tests/hvt/cases/*.sh; do
        name=$(basename "$c" .sh)
        # hvt_case, or a suite's own wrapper of it (zlib_hvt_case in tests/zlib.bats).
        n=$(cat tests/*.bats | grep -cE "^ *([a-z]+_)?hvt_case $name\$" || true)
        [ "$n" -eq 1 ] || { echo "$c: $n 'hvt_case $name' lines in tests/*.bats"; return 1; }
    done
}
