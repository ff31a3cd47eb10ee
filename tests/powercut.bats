#!/usr/bin/env bats
# Power cuts: records acknowledged by solo5_block_flush on hvt survive SIGKILL of the VM
# that runs the tender, records written without flush do not (tests/kvm/powercut: one
# boot of a minimal nested-KVM VM per cut, so this suite runs its own VM boots).
load helpers

setup_file() {
    export KILN_POWERCUT=$KILN_TOP/build/tests/powercut
    rm -f "$KILN_POWERCUT.log"
    mkdir -p "$KILN_TOP/build/tests"
    "$KILN_TOP/tests/kvm/powercut" "$KILN_POWERCUT" >"$KILN_POWERCUT.log" 2>&1 || true
    echo "# powercut: $(tail -n 1 "$KILN_POWERCUT.log") (log: $KILN_POWERCUT.log)" >&3
}

# field NAME: the value of NAME in the run's summary; the run's log if there is none.
field() {
    local v
    v=$(sed -n "s/^$1 //p" "$KILN_POWERCUT/summary" 2>/dev/null)
    if [ -z "$v" ]; then
        echo "no summary; the end of $KILN_POWERCUT.log:" >&2
        tail -n 40 "$KILN_POWERCUT.log" | cat -v >&2
        return 1
    fi
    echo "$v"
}

@test "powercut: every record acknowledged by a flush is on the disk after each of 20 cuts" {
    cuts=$(field cuts)
    checked=$(field checked)
    lost=$(field flush_lost)
    grep '^round' "$KILN_POWERCUT.log"
    [ "$cuts" -ge 20 ] || { echo "only $cuts cuts"; tail -n 30 "$KILN_POWERCUT.log"; false; }
    [ "$checked" -ge "$cuts" ] || { echo "only $checked records checked"; false; }
    [ "$lost" -eq 0 ] || { echo "$lost records acknowledged by a flush were lost"; false; }
}

@test "powercut: without flush, cuts lose acknowledged records (the test can fail)" {
    lost=$(field noflush_lost)
    [ "$lost" -gt 0 ] || { echo "no record lost without flush in $(field cuts) cuts"; false; }
}

@test "powercut: the checker notices a wiped record" {
    [ "$(field checker)" = noticed ]
}
