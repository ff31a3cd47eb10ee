# Socket tests' helper for the bats suites and the hvt cases (POSIX sh).

# guest_serving LOG PID TENTHS: the server in LOG says it serves (its interface is
# configured by then); guest_log_shows (tests/lib/guest.sh, which every user of this
# file has loaded) waits for it.
guest_serving() {
    guest_log_shows ": serving" "$@"
}
