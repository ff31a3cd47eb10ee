# The https example's test helpers, for tests/https.bats and the hvt case (POSIX sh, busybox-safe).

# https_certs DIR ADDR: with the host's openssl, a test CA (DIR/ca.pem), a server
# certificate it signs for IP address ADDR, the disk the example reads them from
# (DIR/certs.img: the server's certificate and key, PEM, zero-padded to whole
# 512-byte sectors) and another CA that signed nothing the server has (DIR/other.pem).
# EC P-256 keys, valid for two days; an own openssl configuration, so that none
# need be installed.
https_certs() {
    d=$1
    mkdir -p "$d"
    printf '%s\n' '[req]' 'distinguished_name = dn' '[dn]' >"$d/openssl.cnf"
    printf '%s\n' "subjectAltName = IP:$2" 'basicConstraints = CA:FALSE' \
        'keyUsage = critical, digitalSignature' 'extendedKeyUsage = serverAuth' >"$d/server.ext"
    for ca in ca other; do
        OPENSSL_CONF=$d/openssl.cnf openssl req -x509 -newkey ec \
            -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj "/CN=Kiln test $ca" \
            -addext 'basicConstraints = critical, CA:TRUE' \
            -addext 'keyUsage = critical, keyCertSign' \
            -keyout "$d/$ca.key" -out "$d/$ca.pem" 2>"$d/openssl.log" || return 1
    done
    OPENSSL_CONF=$d/openssl.cnf openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 \
        -nodes -subj "/CN=$2" -keyout "$d/server.key" -out "$d/server.csr" \
        2>>"$d/openssl.log" || return 1
    OPENSSL_CONF=$d/openssl.cnf openssl x509 -req -in "$d/server.csr" -CA "$d/ca.pem" \
        -CAkey "$d/ca.key" -set_serial 2 -days 2 -extfile "$d/server.ext" \
        -out "$d/server.pem" 2>>"$d/openssl.log" || return 1
    cat "$d/server.pem" "$d/server.key" >"$d/certs.img"
    n=$(wc -c <"$d/certs.img")
    truncate -s $(((n / 512 + 1) * 512)) "$d/certs.img"
}

# https_page: the example's page at / (examples/https/https.c), byte for byte.
https_page() {
    printf '%s\n' '<!DOCTYPE html>' '<html><head><title>Kiln</title></head>' \
        '<body><h1>Hello from a Kiln unikernel, over TLS</h1>' \
        '<p>This page was served by examples/https with mbed TLS.</p>' '</body></html>'
}

# https_lines: its /lines, "line 00001" to "line 05000".
https_lines() {
    awk 'BEGIN { for (i = 1; i <= 5000; i++) printf "line %05d\n", i }'
}
