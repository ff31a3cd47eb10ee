#!/bin/sh
# Installs the Debian packages Kiln needs, only those missing.
# usage: deps.sh [build]   (build: just what building needs; default: tests too)
set -eu
PKGS="make gcc binutils libc6-dev libjansson-dev meson ninja-build cmake curl dpkg-dev ocaml-nox m4
ocaml-findlib ocaml-dune liblwt-ocaml-dev"
[ "${1-}" = build ] || PKGS="$PKGS libcmocka-dev bats clang libclang-rt-14-dev
clang-format bc iproute2 iputils-ping dnsmasq-base util-linux gdb
qemu-system-x86 grub-pc-bin grub-common xorriso mtools hping3 wrk openssl rng-tools5 xxd libfmt-ocaml-dev libzarith-ocaml-dev"
[ "${KILN_DEPS_EXTRA-}" ] && PKGS="$PKGS $KILN_DEPS_EXTRA"

missing=
for p in $PKGS; do
    st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    case $st in *" installed") ;; *) missing="$missing $p" ;; esac
done
[ -z "$missing" ] && exit 0

echo "deps: installing:$missing"
if [ "$(id -u)" != 0 ]; then
    echo "deps: not root; install these packages and retry:$missing" >&2
    exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
