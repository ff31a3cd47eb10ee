#!/usr/bin/env bats
# BSD sockets over lwIP: the address helpers on the host, the examples on spt.
load helpers

# ---- address text and numeric getaddrinfo, unit tested against glibc ----------

@test "sockets: inet_pton, inet_ntop, inet_aton, getaddrinfo agree with glibc" {
    run "$UNIT/test_net_inet"
    expect_status 0 "PASSED"
}
