#!/usr/bin/env bats
# Guest unikernels on solo5-spt: the reference suite's spt column plus the bindings' own rules.
load helpers
bats_require_minimum_version 1.5.0 # for "run -N"

# ---- the reference suite (spec section 8, spt column) -------------------------

@test "guest: a unikernel executed directly on the host is refused" {
    run -127 "$GUEST/hello.spt" Hello_Solo5
    [[ "$output" == *"No such file or directory"* ||
        "$output" == *"required file not found"* ]]
}

@test "guest: hello prints its command line" {
    spt_run "$GUEST/hello.spt" Hello_Solo5
    expect_success
    [[ "$output" == *"Command line is: 'Hello_Solo5'"* ]]
}

@test "guest: hello fails on any other command line" {
    spt_run "$GUEST/hello.spt" Goodbye
    expect_status 1 "Command line is: 'Goodbye'"
}

@test "guest: quiet prints nothing of the bindings" {
    spt_run -- "$GUEST/quiet.spt" --solo5:quiet
    expect_success
    [[ "$output" != *"Solo5:"* ]]
}

@test "guest: output writes 4 KiB and more in one go" {
    spt_run "$GUEST/output.spt" Output_Solo5
    expect_success
    [[ "$output" == *"65 defghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijk"* ]]
    [ "$(printf '%s\n' "$output" | grep -c '^[0-9][0-9] defghij')" -eq 66 ]
}

@test "guest: globals" {
    spt_run "$GUEST/globals.spt"
    expect_success
}

@test "guest: exception (write far above memory) is SIGSEGV" {
    spt_run "$GUEST/exception.spt"
    expect_status 139
}

@test "guest: zeropage (write to address 8) is SIGSEGV" {
    spt_run "$GUEST/zeropage.spt"
    expect_status 139
}

@test "guest: xnow (write to .text) is SIGSEGV" {
    spt_run "$GUEST/xnow.spt"
    expect_status 139
}

@test "guest: wnox (execute .data) is SIGSEGV" {
    spt_run "$GUEST/wnox.spt"
    expect_status 139
}

@test "guest: notls (%fs access with TLS base 0) is SIGSEGV" {
    spt_run "$GUEST/notls.spt"
    expect_status 139
}

@test "guest: tls blocks keep their own values" {
    spt_run "$GUEST/tls.spt"
    expect_success
}

@test "guest: ssp catches a stack buffer overflow" {
    spt_run "$GUEST/ssp.spt"
    expect_abort
    [[ "$output" == *"Solo5: ABORT: Stack corruption detected"* ]]
}

@test "guest: fpu" {
    spt_run "$GUEST/fpu.spt"
    expect_success
}

@test "guest: time (clocks, past deadline, 5 x 1 s yields, wall clock)" {
    spt_run "$GUEST/time.spt"
    expect_success
}

@test "guest: seccomp kills a forbidden system call with SIGSYS" {
    spt_run "$GUEST/seccomp.spt"
    expect_status 159
    [[ "$output" != *"dup returned"* ]]
}

# ---- the spt core allowlist, rule by rule (tests/guest/syscalls) -------------

# allowed CASE...: each case's system call passes the filter (the guest lives on).
allowed() {
    for c in "$@"; do
        spt_run "$GUEST/syscalls.spt" "$c"
        expect_status 0 "ALLOWED" || { echo "case $c"; return 1; }
    done
}

# killed CASE...: each case's system call is killed with SIGSYS (status 159).
killed() {
    for c in "$@"; do
        spt_run "$GUEST/syscalls.spt" "$c"
        expect_status 159 || { echo "case $c"; return 1; }
        [[ "$output" != *ALLOWED* ]] || { echo "case $c"; return 1; }
    done
}

@test "guest: seccomp write: to stdout only, all 64 bits of the fd compared" {
    allowed write-stdout
    killed write-stderr write-stdout-high
}

@test "guest: seccomp exit_group passes, the single-thread exit does not" {
    spt_run "$GUEST/syscalls.spt" exit-group
    expect_status 7
    killed exit-thread
}

@test "guest: seccomp epoll_pwait: the tender's epoll fd only" {
    allowed epoll-ok
    killed epoll-other epoll-unopened
}

@test "guest: seccomp timerfd_settime: the tender's timer fd only" {
    allowed timerfd-ok
    killed timerfd-other timerfd-unopened
}

@test "guest: seccomp clock_gettime: CLOCK_MONOTONIC and CLOCK_REALTIME only" {
    allowed clock-monotonic clock-realtime
    killed clock-boottime
}

@test "guest: seccomp arch_prctl: ARCH_SET_FS only" {
    allowed arch-setfs
    killed arch-getfs arch-setgs
}

@test "guest: seccomp: other syscalls and x32 calls are killed" {
    killed getpid openat mmap x32-write
}

# An i386 system call from 64-bit code is killed by the filter (SIGSYS) where the
# kernel has 32-bit emulation; without it, int 0x80 is a general protection fault
# (SIGSEGV). Either way it never ran: exit(1) would end with status 1, and the
# guest would print ALLOWED after a call that returned.
@test "guest: seccomp: an i386 call (int 0x80) never runs: SIGSYS, or SIGSEGV without IA32 emulation" {
    spt_run "$GUEST/syscalls.spt" i386-exit
    [ "$status" -eq 159 ] || [ "$status" -eq 139 ] || { echo "status $status: $output"; return 1; }
    [[ "$output" != *ALLOWED* ]] || { echo "$output"; return 1; }
}

# ---- start-up, command line and logging -------------------------------------

@test "guest: banner, version and memory map at the default level" {
    spt_run "$GUEST/hello.spt" Hello_Solo5
    expect_success
    [[ "$output" == *"Solo5: Bindings version "* ]]
    [[ "$output" == *"Solo5: Memory map: 2 MB addressable:"* ]]
    [[ "$output" == *"text @ (0x100000 - "* ]]
    [[ "$output" == *"heap >= 0x"*" < stack < 0x200000"* ]]
    [[ "$output" == *"Solo5: solo5_exit(0) called"* ]]
}

@test "guest: --solo5:debug and --solo5:info are accepted and stripped" {
    for level in debug info; do
        spt_run "$GUEST/hello.spt" --solo5:$level Hello_Solo5
        expect_success
        [[ "$output" == *"Solo5: Bindings version "* ]]
    done
}

@test "guest: --solo5:warn and --solo5:error silence INFO messages" {
    for level in warn error; do
        spt_run "$GUEST/hello.spt" --solo5:$level Hello_Solo5
        expect_success
        [[ "$output" != *"Solo5:"* ]]
    done
}

@test "guest: the last of several level options wins" {
    spt_run "$GUEST/hello.spt" --solo5:quiet --solo5:info Hello_Solo5
    expect_success
    [[ "$output" == *"Solo5: Bindings version "* ]]
}

@test "guest: leading whitespace is skipped, options stripped with theirs" {
    spt_run "$GUEST/hello.spt" "  --solo5:quiet   Hello_Solo5"
    expect_success
    [[ "$output" != *"Solo5:"* ]]
}

@test "guest: options only count at the start of the command line" {
    spt_run "$GUEST/hello.spt" Hello_Solo5 --solo5:quiet
    expect_status 1 "Command line is: 'Hello_Solo5 --solo5:quiet'"
}

@test "guest: a misspelt --solo5: option ends the options and stays in the command line" {
    spt_run "$GUEST/hello.spt" --solo5:quiet --solo5:quietly Hello_Solo5
    expect_status 1 "Command line is: '--solo5:quietly Hello_Solo5'"
    [[ "$output" != *"WARNING"* ]]
}

# ---- exit, abort, memory ----------------------------------------------------

@test "guest: solo5_exit statuses reach the host truncated to 8 bits" {
    for s in 0 1 42 254 255 256 257 -1; do
        spt_run "$GUEST/exit.spt" $s
        expect_status $(( s & 255 )) "Solo5: solo5_exit($s) called"
    done
}

@test "guest: quiet exit prints no exit message" {
    spt_run "$GUEST/exit.spt" --solo5:quiet 3
    expect_status 3
    [[ "$output" != *"Solo5:"* ]]
}

@test "guest: solo5_abort exits 255" {
    spt_run "$GUEST/abort.spt"
    expect_status 255 "Solo5: solo5_abort() called"
}

@test "guest: ABORT messages are printed even with --solo5:quiet" {
    spt_run "$GUEST/ssp.spt" --solo5:quiet
    expect_abort
    [ "$(printf '%s\n' "$output" | grep -c 'Solo5:')" -eq 1 ]
}

@test "guest: the heap is page aligned, at least 512 KiB, all usable" {
    spt_run "$GUEST/memory.spt"
    expect_success
}

@test "guest: the heap grows with --mem" {
    run timeout 60s "$SPT" --mem=8 "$GUEST/memory.spt"
    expect_success
    [[ "$output" == *"Solo5: Memory map: 8 MB addressable:"* ]]
}

@test "guest: less than 512 KiB above the image refuses to start" {
    spt_run "$GUEST/nomem.spt"
    expect_abort
    [[ "$output" == *"Not enough memory"* ]]
    [[ "$output" != *"test_nomem"* ]]
}

@test "guest: the same image starts with one more MiB" {
    run timeout 60s "$SPT" --mem=3 "$GUEST/nomem.spt"
    expect_success
}

@test "guest: xstack (execute on the stack) is SIGSEGV" {
    spt_run "$GUEST/xstack.spt"
    expect_status 139
}

@test "guest: xheap (execute on the heap) is SIGSEGV" {
    spt_run "$GUEST/xheap.spt"
    expect_status 139
}

# ---- the shared bindings code, unit tested on the host ----------------------

@test "guest: bindings formatter, truncation, log levels and cmdline parsing" {
    run "$UNIT/test_bindings"
    expect_status 0 "PASSED"
}

@test "guest: --x-exec-heap makes the heap executable, with a warning" {
    spt_run --x-exec-heap -- "$GUEST/xheap.spt"
    expect_status 1 "code on the heap ran"
    [[ "$output" == *"WARNING: The use of --x-exec-heap is dangerous"* ]]
}
