# Socket tests' helper for the bats suites and the hvt cases (POSIX sh).

# guest_serving LOG PID TENTHS: waits up to TENTHS tenths of a second until the server
# in LOG says it serves (its interface is configured by then); returns 1 at once if
# PID has exited first.
guest_serving() {
    for _ in $(seq "$3"); do
        grep -q ": serving" "$1" 2>/dev/null && return 0
        kill -0 "$2" 2>/dev/null || return 1
        sleep 0.1
    done
    return 1
}
