# The blk guest's pattern on disk, for the hvt cases (POSIX sh) and the bats suites.

# blk_pattern_check FILE BS: blocks 0, 1, 3 and the last hold the blk guest's pattern
# (block * 7 + i * 13 + i / 256) at bytes 0, 1, 255, 256 and BS - 1; otherwise prints
# the first byte that differs and returns 1.
blk_pattern_check() {
    _last=$(($(stat -c %s "$1") / $2 - 1))
    for _b in 0 1 3 $_last; do
        for _i in 0 1 255 256 $(($2 - 1)); do
            _want=$(((_b * 7 + _i * 13 + (_i >> 8)) & 255))
            _got=$(od -An -t u1 -j $((_b * $2 + _i)) -N 1 "$1" | tr -d ' ')
            [ "$_got" = "$_want" ] || {
                echo "block $_b byte $_i is $_got on disk, want $_want"
                return 1
            }
        done
    done
}
