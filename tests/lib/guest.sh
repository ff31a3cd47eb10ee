# Waiting for a guest started in the background, for the hvt cases (POSIX sh), the bats suites and the benchmarks.

# guest_log_shows PATTERN LOG PID TENTHS: waits up to TENTHS tenths of a second until
# LOG has a line matching PATTERN (grep); returns 1 at once if PID has exited first.
guest_log_shows() {
    for _ in $(seq "$4"); do
        grep -q "$1" "$2" 2>/dev/null && return 0
        kill -0 "$3" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}

# guest_started LOG PID TENTHS: the bindings' banner (the guest runs, its devices
# attached, so its taps are read).
guest_started() {
    guest_log_shows "Solo5: Bindings version" "$@"
}
