# The disk of the zlib round trip (tests/zlib/roundtrip.c), for tests/zlib.bats and the hvt cases.
# POSIX sh, busybox tools: the hvt cases source it in the test VM too.
# The file is read from byte 512 after a header sector "zlib-roundtrip in LENGTH";
# the guest writes "zlib-roundtrip out LENGTH" at 4 MiB and its zlib stream after it.
ZLIB_OUT_OFFSET=4194304

# zlib_disk FILE IMG: IMG, an 8 MiB image holding FILE as the guest reads it.
zlib_disk() {
    rm -f "$2"
    printf 'zlib-roundtrip in %s\n' "$(wc -c <"$1" | tr -d ' ')" >"$2"
    truncate -s 512 "$2"
    cat "$1" >>"$2"
    truncate -s 8M "$2"
}

# zlib_stream IMG OUT: the stream the guest wrote to IMG, into OUT; fails, saying why,
# without the header or with a stream that does not start like one of RFC 1950 (deflate,
# 32 KiB window, header check, no preset dictionary).
zlib_stream() {
    hdr=$(dd if="$1" bs=512 skip=$((ZLIB_OUT_OFFSET / 512)) count=1 2>/dev/null | tr -d '\000')
    case $hdr in
    "zlib-roundtrip out "[0-9]*) ;;
    *) echo "no 'zlib-roundtrip out LENGTH' at 4 MiB: '$hdr'"; return 1 ;;
    esac
    n=${hdr#zlib-roundtrip out }
    tail -c +$((ZLIB_OUT_OFFSET + 513)) "$1" | head -c "$n" >"$2"
    [ "$(wc -c <"$2" | tr -d ' ')" -eq "$n" ] || { echo "the stream is not $n bytes long"; return 1; }
    # shellcheck disable=SC2046
    set -- $(od -An -t u1 -N 2 "$2")
    if [ "$1" -ne 120 ] || [ $((($1 * 256 + $2) % 31)) -ne 0 ] || [ $(($2 & 32)) -ne 0 ]; then
        echo "not a zlib stream header: $1 $2"
        return 1
    fi
}

# le32 N: the 4 bytes of N, little-endian.
le32() {
    v=$1 s=
    for _ in 1 2 3 4; do
        s="$s\\$(printf %03o $((v & 255)))"
        v=$((v >> 8))
    done
    # shellcheck disable=SC2059
    printf "$s"
}

# zlib_gunzip_check Z FILE CRC: the zlib stream Z inflates to exactly FILE with an
# inflater that is not zlib's (gzip's): Z's deflate data, between a gzip header and a
# trailer of CRC (FILE's CRC-32, hex) and FILE's length, goes through gzip -dc; cmp.
zlib_gunzip_check() {
    n=$(wc -c <"$1" | tr -d ' ')
    size=$(wc -c <"$2" | tr -d ' ')
    {
        printf '\037\213\010\000\000\000\000\000\000\003'
        tail -c +3 "$1" | head -c $((n - 6))
        le32 $((0x$3))
        le32 $((size & 0xffffffff))
    } >"$1.gz"
    gzip -dc <"$1.gz" >"$1.out" || { echo "gzip -dc refused the stream"; return 1; }
    cmp "$1.out" "$2" || { echo "the inflated stream differs from the file"; return 1; }
}
