#!/usr/bin/env bats
# solo5-hvt against a malicious guest (tests/guest/evil*): crafted hypercall arguments,
# bad handles, ports, CPU faults, net ring abuse, guests that never yield. One
# tests/hvt/cases/evil_*.sh each, all run once by tests/kvm/kvm-exec (on /dev/kvm here,
# or inside a QEMU VM without it).
load helpers
load hvt/helpers

# Every hvt case runs once per bats run (tests/run.sh, or the first hvt suite).
setup_file() {
    hvt_setup_file
}

# ---- argument structs at the end of guest memory ---------------------------

@test "hvt malicious: WALLTIME structs over/past the end are refused, one that fits works" {
    hvt_case evil_args_walltime
}

@test "hvt malicious: PUTS structs over/past the end are refused, one that fits works" {
    hvt_case evil_args_puts
}

@test "hvt malicious: POLL structs over/past the end are refused, one that fits works" {
    hvt_case evil_args_poll
}

@test "hvt malicious: BLOCK structs over/past the end are refused, ones that fit work" {
    hvt_case evil_args_block
}

@test "hvt malicious: NET structs over/past the end (into the ring) are refused, ones that fit work" {
    hvt_case evil_args_net
}

@test "hvt malicious: HALT structs over/past the end are refused, one that fits halts" {
    hvt_case evil_args_halt
}

@test "hvt malicious: structs the tender writes may not be read-only, ones it reads may" {
    hvt_case evil_args_readonly
}

# ---- data pointers -------------------------------------------------------------

@test "hvt malicious: PUTS data past the end, over it, at 0xffffffff or above 4 GiB is refused" {
    hvt_case evil_data_puts_past
}

@test "hvt malicious: PUTS data + len wrapping around 2^64 is refused" {
    hvt_case evil_data_puts_wrap
}

@test "hvt malicious: PUTS with len 2^63 - 1, 2^63 or 2^64 - 1 is refused" {
    hvt_case evil_data_puts_len
}

@test "hvt malicious: BLOCK buffers over or past the end, or wrapping, are refused" {
    hvt_case evil_data_block_past
}

@test "hvt malicious: BLOCK_READ into read-only memory is refused, BLOCK_WRITE from code works" {
    hvt_case evil_data_block_readonly
}

@test "hvt malicious: NET buffers in read-only memory, the ring or past the end are refused" {
    hvt_case evil_data_net
}

@test "hvt malicious: a HALT cookie not wholly in guest memory is refused" {
    hvt_case evil_data_halt_cookie
}

@test "hvt malicious: overwriting boot info and manifest copy changes nothing the tender does" {
    hvt_case evil_scribble_bootinfo
}

# ---- handles, offsets and lengths ---------------------------------------------

@test "hvt malicious: BLOCK with bad handles (0, 2, 63, 64, 2^32 + 1, 2^64 - 1) returns EINVAL" {
    hvt_case evil_block_handles
}

@test "hvt malicious: BLOCK outside the device or not one whole block returns EINVAL" {
    hvt_case evil_block_bounds
}

@test "hvt malicious: many-block BLOCK past max_request, not whole blocks, across the end or wrapping returns EINVAL, disk unchanged" {
    hvt_case evil_multi_bounds
}

@test "hvt malicious: many-block BLOCK buffers over the end of memory, wrapping or reading into read-only memory are refused" {
    hvt_case evil_multi_data
}

@test "hvt malicious: BLOCK_FLUSH with bad handles returns EINVAL, bad struct addresses are refused" {
    hvt_case evil_multi_flush
}

@test "hvt malicious: NET with bad handles or lengths, BLOCK with the net handle, return EINVAL" {
    hvt_case evil_net_handles
}

# ---- hypercall numbers and ports -----------------------------------------------

@test "hvt malicious: hypercall 0 is an invalid hypercall" {
    hvt_case evil_hc_reserved
}

@test "hvt malicious: BLOCK hypercalls without a block device are invalid hypercalls" {
    hvt_case evil_hc_nodev_block
}

@test "hvt malicious: NET hypercalls without a net device are invalid hypercalls" {
    hvt_case evil_hc_nodev_net
}

@test "hvt malicious: outb to a hypercall port is an invalid port access" {
    hvt_case evil_port_outb
}

@test "hvt malicious: outw to a hypercall port is an invalid port access" {
    hvt_case evil_port_outw
}

@test "hvt malicious: IN from a hypercall port is an invalid port access" {
    hvt_case evil_port_in
}

@test "hvt malicious: outl to 0x509, 0x4ff, 0x80, 0xffff is an invalid port access" {
    hvt_case evil_port_range
}

@test "hvt malicious: rep outsl to a hypercall port (count 2 or 1) is an invalid port access" {
    hvt_case evil_port_rep
}

@test "hvt malicious: a bss-only PT_LOAD reaching into the net ring's area is refused" {
    hvt_case evil_bss_ring
}

@test "hvt malicious: a kick to 0x600 without a net device is an invalid port access" {
    hvt_case evil_port_kick_noring
}

@test "hvt malicious: a kick to 0x600 with --no-net-ring is an invalid port access" {
    hvt_case evil_port_kick_nonetring
}

@test "hvt malicious: with the ring only outl 0x600 kicks, other accesses are refused" {
    hvt_case evil_port_kick_size
}

# ---- CPU misbehaviour ---------------------------------------------------------

@test "hvt malicious: hlt is an unhandled exit naming HLT" {
    hvt_case evil_cpu_hlt
}

@test "hvt malicious: a triple fault is an unhandled exit naming SHUTDOWN" {
    hvt_case evil_cpu_triple
}

@test "hvt malicious: accesses above guest memory through own page tables are MMIO exits" {
    hvt_case evil_cpu_mmio
}

@test "hvt malicious: writes to code or read-only data are host/guest translation faults" {
    hvt_case evil_cpu_write_ro
}

# ---- the network ring ----------------------------------------------------------

@test "hvt malicious: the ring is offered at mem_size, sized as spec 4.7 says" {
    hvt_case evil_ring_layout
}

@test "hvt malicious: ring entries with buffers past the end, in the ring or above 4 GiB are refused" {
    hvt_case evil_ring_data_past
}

@test "hvt malicious: ring read entries into read-only memory are refused" {
    hvt_case evil_ring_readonly
}

@test "hvt malicious: ring entries with bad handles, lengths or operations are skipped or answered EINVAL" {
    hvt_case evil_ring_bad_handles
}

@test "hvt malicious: ent_tail driven backwards is an invalid submission index" {
    hvt_case evil_ring_tail_back
}

@test "hvt malicious: ent_tail driven 5000 (or 1024) ahead is an invalid submission index" {
    hvt_case evil_ring_tail_ahead
}

@test "hvt malicious: scribbling on the host's ring fields does not confuse the host" {
    hvt_case evil_ring_scribble
}

@test "hvt malicious: a bad ring entry submitted just before HALT is still refused" {
    hvt_case evil_ring_halt_pending
}

# ---- guests that never yield ---------------------------------------------------

@test "hvt malicious: a spinning guest ends on SIGTERM" {
    hvt_case evil_spin_sigterm
}

@test "hvt malicious: a spinning guest ends on SIGINT" {
    hvt_case evil_spin_sigint
}

@test "hvt malicious: a spinning guest ends on SIGHUP, SIGUSR1, SIGPIPE and SIGALRM" {
    hvt_case evil_spin_signals
}

@test "hvt malicious: a spinning guest with the ring thread ends on SIGTERM" {
    hvt_case evil_spin_ring_sigterm
}

@test "hvt malicious: POLL with timeout 2^64 - 1 waits until SIGTERM" {
    hvt_case evil_poll_forever
}
