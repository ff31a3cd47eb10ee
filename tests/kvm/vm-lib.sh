# The test VM's shared parts, sourced by tests/kvm/kvm-exec and tests/kvm/powercut: the
# kernel (Debian's, downloaded once and cached in build/kvm/kernel), the initramfs helpers
# and QEMU's common arguments.
# The sourcing script sets top (the source tree) and defines say and die.
# shellcheck disable=SC2034,SC2154
kvmdir=$top/build/kvm

# The modules the VM loads: KVM for AMD, taps, the virtio disk the results leave by, and
# veth, which joins the socket benchmark's two namespaces.
VM_MODULES="kvm-amd tun virtio_pci virtio_blk veth"

# module_order DEPFILE NAME...: the modules' paths (as in modules.dep), dependencies first.
module_order() {
    f=$1
    shift
    awk -v want="$*" '
        { m = $1; sub(/:$/, "", m); deps[m] = ""
          for (i = 2; i <= NF; i++) deps[m] = deps[m] " " $i
          n = m; sub(/.*\//, "", n); sub(/\.ko(\.[a-z]+)?$/, "", n)
          gsub(/-/, "_", n); byname[n] = m }
        function visit(m,   d, k, i) {
            if (m in done) return
            done[m] = 1
            k = split(deps[m], d, " ")
            for (i = k; i >= 1; i--) visit(d[i])
            print m
        }
        END { k = split(want, w, " ")
              for (i = 1; i <= k; i++) {
                  n = w[i]; gsub(/-/, "_", n)
                  if (!(n in byname)) { print "no module " w[i] > "/dev/stderr"; exit 1 }
                  visit(byname[n])
              } }' "$f"
}

# kernel_download DIR: the .deb of the kernel the linux-image-amd64 metapackage depends
# on, into DIR; sets pkg.
kernel_download() {
    pkg=$(apt-cache depends linux-image-amd64 2>/dev/null |
        sed -n 's/^ *Depends: \(linux-image-[0-9][^ ]*\)$/\1/p' | head -n 1)
    [ -n "$pkg" ] || return 1
    say "fetching $pkg"
    (cd "$1" && apt-get download -qq "$pkg" 2>&1 | grep -v 'unsandboxed' >&2) || true
    ls "$1"/*.deb >/dev/null 2>&1
}

# fetch_kernel: build/kvm/kernel/{vmlinuz,modules/,modules.list,modules.want,package}
# from that package; downloaded once, then reused while VM_MODULES stays the same.
fetch_kernel() {
    kdir=$kvmdir/kernel
    [ -f "$kdir/package" ] && [ "$(cat "$kdir/modules.want" 2>/dev/null)" = "$VM_MODULES" ] &&
        return 0
    dl=$kvmdir/download
    rm -rf "$dl" "$kdir"
    mkdir -p "$dl/x" "$kdir/modules"
    # Package lists may be missing or stale: update them once if the first try fails.
    kernel_download "$dl" || { apt-get update -qq && kernel_download "$dl"; } ||
        die "could not download the kernel linux-image-amd64 depends on"
    dpkg-deb -x "$dl"/*.deb "$dl/x"
    kver=$(ls "$dl/x/lib/modules" | head -n 1)
    mdir=$dl/x/lib/modules/$kver
    # The package leaves modules.dep to its postinst; make it here.
    [ -f "$mdir/modules.dep" ] || busybox depmod -b "$dl/x" "$kver"
    # shellcheck disable=SC2086
    module_order "$mdir/modules.dep" $VM_MODULES >"$dl/order"
    while read -r m; do
        base=$(basename "$m")
        case $base in
        *.ko) cp "$mdir/$m" "$kdir/modules/$base" ;;
        *.ko.xz) xz -dc "$mdir/$m" >"$kdir/modules/${base%.xz}" ;;
        *.ko.zst) zstd -qdc "$mdir/$m" >"$kdir/modules/${base%.zst}" ;;
        *.ko.gz) gzip -dc "$mdir/$m" >"$kdir/modules/${base%.gz}" ;;
        *) die "unknown module format: $m" ;;
        esac
        basename "$base" | sed 's/\.ko.*$/.ko/' >>"$kdir/modules.list"
    done <"$dl/order"
    cp "$dl/x/boot/vmlinuz-$kver" "$kdir/vmlinuz"
    echo "$VM_MODULES" >"$kdir/modules.want"
    echo "$pkg $kver" >"$kdir/package"
    rm -rf "$dl"
    say "kernel $kver cached in $kdir ($(tr '\n' ' ' <"$kdir/modules.list"))"
}

# copy_bin ROOT FILE DESTDIR: FILE into ROOT/DESTDIR with the shared libraries it needs.
copy_bin() {
    mkdir -p "$1/$3"
    cp -L "$2" "$1/$3/"
    ldd "$2" 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' |
        while read -r lib; do
            [ -e "$1$lib" ] && continue
            mkdir -p "$1$(dirname "$lib")"
            cp -L "$lib" "$1$lib"
        done
}

# vm_vmlinux: build/kvm/kernel/vmlinux, the kernel uncompressed out of vmlinuz (an ELF with
# a PVH entry note, which QEMU boots directly: under TCG this skips seconds of
# decompression); nothing if vmlinuz holds no xz stream, then vmlinuz is booted.
vm_vmlinux() {
    kdir=$kvmdir/kernel
    [ ! -f "$kdir/vmlinux" ] || return 0
    off=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$kdir/vmlinuz" | head -n 1 | cut -d: -f1)
    [ -n "$off" ] || return 0
    # The stream is followed by the rest of the image: xz complains and exits non-zero.
    tail -c +$((off + 1)) "$kdir/vmlinuz" | xz -dc >"$kdir/vmlinux.tmp" 2>/dev/null || true
    if [ "$(head -c 4 "$kdir/vmlinux.tmp" | od -An -c | tr -d ' ')" = '177ELF' ]; then
        mv "$kdir/vmlinux.tmp" "$kdir/vmlinux"
    else
        rm -f "$kdir/vmlinux.tmp"
    fi
}

# vm_kernel: installs what the VM needs (QEMU, busybox, cpio), fetches the kernel once
# (one fetch at a time when several runs share the tree) and sets vm_kernel to the file
# to boot (vmlinux if it could be made, else vmlinuz).
vm_kernel() {
    KILN_DEPS_EXTRA="${KILN_DEPS_EXTRA-} qemu-system-x86 busybox-static cpio iproute2 iputils-ping" \
        "$top/scripts/deps.sh" build >&2
    mkdir -p "$kvmdir"
    (
        flock 9
        fetch_kernel
        vm_vmlinux
    ) 9>"$kvmdir/.lock"
    # shellcheck disable=SC2034
    vm_kernel=$kvmdir/kernel/vmlinuz
    [ ! -f "$kvmdir/kernel/vmlinux" ] || vm_kernel=$kvmdir/kernel/vmlinux
}

# VM_QEMU: QEMU's arguments common to every boot of the test VM. One TCG thread for all
# vCPUs: with a thread per vCPU (MTTCG) the guest kernel's live code patching (text_poke,
# which KVM's VM create/destroy triggers) sometimes livelocks the vCPUs in the int3
# handler. -cpu max emulates AMD's SVM, which kvm-amd drives.
# shellcheck disable=SC2034
VM_QEMU="-accel tcg,thread=single -cpu max -nodefaults -no-reboot -display none -monitor none -serial stdio"

# VM_APPEND: the kernel command line common to every boot. no_timer_check: on a loaded
# host TCG is too slow for the kernel's IO-APIC timer check, which then panics at boot.
# shellcheck disable=SC2034
VM_APPEND="console=ttyS0 panic=-1 tsc=reliable no_timer_check mitigations=off"
