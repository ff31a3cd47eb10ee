# Direct mode runs bench/hvt/cases/*.sh in place: their ../lib.sh is this, which is the
# tests' (in the VM the cases sit beside the tests' lib.sh itself).
# shellcheck source=../../tests/hvt/lib.sh
. "$(dirname "$0")/../../../tests/hvt/lib.sh"
