#!/bin/sh
# Counts C source lines that are neither blank nor only comments: sloc.sh FILE... (total
# on stdout; with -v, one "COUNT FILE" line per file before it).
verbose=0
[ "${1-}" != -v ] || { verbose=1; shift; }
awk -v verbose=$verbose '
    FNR == 1 { if (NR > 1) report(); file = FILENAME; n = 0; incom = 0 }
    { code = strip($0); if (code ~ /[^ \t\r\f\v]/) n++ }
    END { if (NR > 0) report(); print total + 0 }
    function report() { total += n; if (verbose) print n, file }
    # The line without its comments; string and character literals are kept whole, so
    # a "/*" or "//" inside one starts nothing. incom carries a /* */ across lines.
    function strip(s,   out, i, c, d, q) {
        out = ""
        for (i = 1; i <= length(s); i++) {
            c = substr(s, i, 1); d = substr(s, i, 2)
            if (incom) { if (d == "*/") { incom = 0; i++ }; continue }
            if (d == "/*") { incom = 1; i++; continue }
            if (d == "//") break
            if (c == "\"" || c == "'\''") {
                q = c; out = out c
                for (i++; i <= length(s); i++) {
                    c = substr(s, i, 1); out = out c
                    if (c == "\\") { i++; out = out substr(s, i, 1) } else if (c == q) break
                }
                continue
            }
            out = out c
        }
        return out
    }' "$@"
