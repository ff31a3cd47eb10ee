# Waiting for a guest started in the background, for the hvt cases (POSIX sh), the bats suites and the benchmarks.

# guest_started LOG PID TENTHS: waits up to TENTHS tenths of a second until LOG shows
# the bindings' banner (the guest runs, its devices attached, so its taps are read);
# returns 1 at once if PID has exited without it.
guest_started() {
    for _ in $(seq "$3"); do
        grep -q "Solo5: Bindings version" "$1" 2>/dev/null && return 0
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
