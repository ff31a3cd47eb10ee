# Kiln makefile: builds tools, bindings, toolchain and tests into build/ (V=1 for full commands).
.SUFFIXES:
.DELETE_ON_ERROR:
.DEFAULT_GOAL := all

# GNU make rebuilds included makefiles first, so a fresh tree configures itself.
config.mk: configure VERSION
	./configure
include config.mk

B := build
STAGE := $(B)/stage
TRIPLE := x86_64-solo5-none-static
S_BIN := $(STAGE)/bin
S_INC := $(STAGE)/include/solo5
S_CCINC := $(STAGE)/include/$(TRIPLE)
S_LIB := $(STAGE)/lib/$(TRIPLE)

ifeq ($(V),1)
cmd :=
else
cmd = @printf '  %-9s %s\n' '$(1)' '$(2)';
endif
Q := $(if $(filter 1,$(V)),,@)

WARN := -Wall -Wextra -Werror
HOST_CFLAGS := -std=gnu11 -O2 -g $(WARN) -D_GNU_SOURCE -Iinclude \
	-Itenders/common -DKILN_VERSION='"$(VERSION)"' -MMD -MP
# Unit tests and fuzzers run the tender's parsers under these sanitizers.
SAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all \
	-fno-omit-frame-pointer
# Guest-side flags: freestanding, no SIMD state in the bindings, no red zone.
GUEST_CFLAGS := -std=gnu11 -O2 -g $(WARN) -ffreestanding -nostdinc \
	-isystem $(GUEST_CC_INCLUDE) -Iinclude -Ibindings -fno-pie \
	-mno-sse -mno-mmx -mno-aes -mno-avx -mno-red-zone \
	-fstack-protector-strong -mstack-protector-guard=global -MMD -MP \
	-DKILN_VERSION='"$(VERSION)"'

# Architecture code lives in *_<arch>.c files; only this ARCH's are built.
KNOWN_ARCHES := x86_64 aarch64
arch_srcs = $(filter-out $(foreach a,$(filter-out $(ARCH),$(KNOWN_ARCHES)),\
	%_$(a).c %_$(a).S),$(1))
# Hypervisor backends likewise: *_<backend>[_<arch>].c, only BACKEND's built.
KNOWN_BACKENDS := kvm
BACKEND := kvm
backend_srcs = $(filter-out $(foreach b,$(filter-out $(BACKEND),\
	$(KNOWN_BACKENDS)),%_$(b).c $(foreach a,$(KNOWN_ARCHES),%_$(b)_$(a).c)),$(1))

all: tools bindings toolchain libc
.PHONY: all tools bindings toolchain

help:
	@echo 'make              build tools, bindings, toolchain and picolibc into build/ (V=1: full'
	@echo '                  commands; LIBC= : without picolibc)'
	@echo 'make run          build, then build and run the example unikernel'
	@echo 'make check        install missing packages, build, run the whole test suite'
	@echo 'make bench        benchmarks, each row a ratio to a baseline of the same run'
	@echo 'make fuzz         each libFuzzer target for FUZZ_SECONDS (default 300) s'
	@echo 'make install      install into PREFIX (now $(PREFIX)); DESTDIR is honoured'
	@echo 'make clean        remove build/ (distclean: config.mk too)'
.PHONY: help

# ---- host objects -----------------------------------------------------------
$(B)/host/%.o: %.c config.mk
	$(call cmd,CC,$@)mkdir -p $(@D) && $(HOST_CC) $(HOST_CFLAGS) -c -o $@ $<
$(B)/san/%.o: %.c config.mk
	$(call cmd,CC-SAN,$@)mkdir -p $(@D) && \
	$(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) -c -o $@ $<

COMMON_SRCS := $(call arch_srcs,$(sort $(wildcard tenders/common/*.c)))
$(B)/host/libcommon.a: $(COMMON_SRCS:%.c=$(B)/host/%.o)
	$(call cmd,AR,$@)rm -f $@ && ar rcs $@ $^
$(B)/san/libcommon.a: $(COMMON_SRCS:%.c=$(B)/san/%.o)
	$(call cmd,AR,$@)rm -f $@ && ar rcs $@ $^

# ---- tenders: a core plus the modules of an explicit list -------------------
# $(call module_srcs,DIR,PREFIX,M): module M's files, PREFIX_module_M.c and
# PREFIX_module_M_*.c (this ARCH's).
module_srcs = $(1)/$(2)_module_$(3).c \
	$(call arch_srcs,$(sort $(wildcard $(1)/$(2)_module_$(3)_*.c)))
# $(call tender_srcs,DIR,PREFIX,MODULES): the core files of DIR (this ARCH's,
# this BACKEND's) and the files of each module.
tender_srcs = $(call backend_srcs,$(call arch_srcs,$(filter-out \
	$(1)/$(2)_module_%.c,$(sort $(wildcard $(1)/*.c))))) \
	$(foreach m,$(3),$(call module_srcs,$(1),$(2),$(m)))

# ---- solo5-spt: a static PIE, so it loads far above guest memory -----------
SPT_MODULES := block net dumpcore
SPT_SRCS := $(call tender_srcs,tenders/spt,spt,$(SPT_MODULES))
$(S_BIN)/solo5-spt: $(SPT_SRCS:%.c=$(B)/host/%.o) $(B)/host/libcommon.a
	$(call cmd,LD,$@)mkdir -p $(@D) && \
	$(HOST_CC) -static-pie -o $@ $^
$(B)/host/tenders/spt/%.o: HOST_CFLAGS += -fPIE
$(B)/host/tenders/common/%.o: HOST_CFLAGS += -fPIE

# ---- solo5-hvt: the KVM tender, linked from the kit make install ships -------
# The kit, lib/kiln/hvt: the core's objects, one object per module, the common
# library, link.conf (the link recipe), and the tables --report reads (source
# lines per object, syscall names). solo5-hvt-configure links a tender of some
# modules from it; the default solo5-hvt is all of HVT_MODULES, linked alike.
HVT_MODULES := block net gdb dumpcore trace
# What several modules share, linked only with them (hvt_module_vcpu_*.c: the
# vCPU's registers and guest debugging, for gdb and dumpcore): objects of the
# kit's libmodules.a, from which the linker takes only what a module names.
HVT_SHARED_SRCS := $(call backend_srcs,$(call arch_srcs,$(sort \
	$(wildcard tenders/hvt/hvt_module_vcpu_*.c))))
HVT_SRCS := $(call tender_srcs,tenders/hvt,hvt,$(HVT_MODULES)) $(HVT_SHARED_SRCS)
HVT_CORE := $(notdir $(call tender_srcs,tenders/hvt,hvt,))
# Static PIE: no dynamic loader at start-up (no libc.so to find, map and
# relocate), which is most of what exec costs a small tender (docs/hvt.md).
HVT_LDFLAGS := -static-pie
HVT_LIBS := -pthread
KIT := $(STAGE)/lib/kiln/hvt
# The core's generated object: the table of which module owns which options.
HVT_CORE_GEN := hvt_option_owners.o
KIT_OBJS := $(HVT_CORE:%.c=$(KIT)/core/%.o) $(KIT)/core/$(HVT_CORE_GEN) \
	$(HVT_MODULES:%=$(KIT)/modules/%.o) $(KIT)/libmodules.a $(KIT)/libcommon.a
$(B)/host/tenders/hvt/%.o: HOST_CFLAGS += -fPIE -Itenders/hvt
# The kit copies them; keep them, or every make would rebuild them.
.SECONDARY: $(HVT_SRCS:%.c=$(B)/host/%.o)
$(KIT)/core/%.o: $(B)/host/tenders/hvt/%.o
	$(call cmd,CP,$@)mkdir -p $(@D) && cp $< $@
# A module is one object, even when written in several files.
define kit_module
$(KIT)/modules/$(1).o: $$(patsubst %.c,$(B)/host/%.o,$$(call module_srcs,tenders/hvt,hvt,$(1)))
	$$(call cmd,LD-R,$$@)mkdir -p $$(@D) && $(HOST_CC) -nostdlib -r -o $$@ $$^
endef
$(foreach m,$(HVT_MODULES),$(eval $(call kit_module,$(m))))
# Every module's TENDER_MODULE_OPTIONS string ("NAME --OPT..."), read from its
# object's kiln_options section, becomes a row of hvt_option_owners: the one
# place the options are named is the module's source.
HOST_OBJCOPY ?= objcopy
$(B)/gen/hvt_option_owners.c: $(HVT_MODULES:%=$(KIT)/modules/%.o)
	$(call cmd,GEN,$@)mkdir -p $(@D) && { \
	echo '/* Generated by the Makefile from the modules'"'"' kiln_options. */'; \
	echo '#include "hvt.h"'; \
	echo 'const struct tender_option_owner hvt_option_owners[] = {'; \
	for o in $^; do $(HOST_OBJCOPY) -O binary -j kiln_options $$o $@.sec && \
	  tr '\000' '\n' <$@.sec | sed -n 's/^\([a-z0-9_]*\) \(--[-a-z0-9 ]*\)$$/    {"\1", "\2"},/p' || exit 1; \
	done; echo '    {NULL, NULL},'; echo '};'; } >$@.tmp && rm -f $@.sec && mv $@.tmp $@
$(B)/host/gen/hvt_option_owners.o: $(B)/gen/hvt_option_owners.c config.mk
	$(call cmd,CC,$@)mkdir -p $(@D) && \
	$(HOST_CC) $(HOST_CFLAGS) -fPIE -Itenders/hvt -c -o $@ $<
-include $(B)/host/gen/hvt_option_owners.d
$(KIT)/core/$(HVT_CORE_GEN): $(B)/host/gen/$(HVT_CORE_GEN)
	$(call cmd,CP,$@)mkdir -p $(@D) && cp $< $@
$(KIT)/libmodules.a: $(HVT_SHARED_SRCS:%.c=$(B)/host/%.o)
	$(call cmd,AR,$@)mkdir -p $(@D) && rm -f $@ && ar rcs $@ $^
$(KIT)/libcommon.a: $(B)/host/libcommon.a
	$(call cmd,CP,$@)mkdir -p $(@D) && cp $< $@
$(KIT)/link.conf: config.mk Makefile
	$(call cmd,GEN,$@)mkdir -p $(@D) && printf '%s\n' \
	"CC='$(HOST_CC)'" "LDFLAGS='$(HVT_LDFLAGS)'" "LIBS='$(HVT_LIBS)'" \
	"CORE='$(HVT_CORE:.c=.o) $(HVT_CORE_GEN)'" "MODULES='$(HVT_MODULES)'" >$@
# "OBJECT LINES" per kit object (a common object with its header of the same
# name, if any; a module by its name, with its own header, hvt_module_NAME.h;
# a shared object with the hvt_module_vcpu*.h headers), then the headers every
# tender includes.
module_hdrs = $(wildcard tenders/hvt/hvt_module_$(1).h)
HVT_CORE_HDRS := $(filter-out tenders/hvt/hvt_module_%,$(wildcard tenders/hvt/*.h))
$(KIT)/sloc: $(HVT_SRCS) $(COMMON_SRCS) $(wildcard tenders/hvt/*.h) \
	$(wildcard tenders/common/*.h) bench/sloc.sh
	$(call cmd,GEN,$@)mkdir -p $(@D) && { \
	for f in $(HVT_CORE) $(notdir $(COMMON_SRCS)); do \
	  h=tenders/common/$${f%.c}.h; [ -f $$h ] || h=; \
	  echo "$${f%.c}.o $$(bench/sloc.sh tenders/*/$$f $$h)"; done; \
	for f in $(HVT_SHARED_SRCS); do echo "$$(basename $${f%.c}).o $$(bench/sloc.sh \
	  $$f $(wildcard tenders/hvt/hvt_module_vcpu*.h))"; done; \
	$(foreach m,$(HVT_MODULES),echo "$(m).o $$(bench/sloc.sh \
	  $(call module_srcs,tenders/hvt,hvt,$(m)) $(call module_hdrs,$(m)))";) \
	echo "headers $$(bench/sloc.sh $(HVT_CORE_HDRS) tenders/common/common.h)"; \
	} >$@
# "NUMBER NAME" for every syscall of this host's kernel headers.
$(KIT)/syscalls: config.mk
	$(call cmd,GEN,$@)mkdir -p $(@D) && echo '#include <sys/syscall.h>' | \
	$(HOST_CC) -dM -E - | sed -n 's/^\#define __NR_\([a-z0-9_]*\) \([0-9]*\)$$/\2 \1/p' | \
	sort -n >$@
$(S_BIN)/solo5-hvt: $(KIT_OBJS) $(KIT)/link.conf $(KIT)/sloc $(KIT)/syscalls
	$(call cmd,LD,$@)mkdir -p $(@D) && \
	$(HOST_CC) $(HVT_LDFLAGS) -o $@ $(KIT_OBJS) $(HVT_LIBS)
$(S_BIN)/solo5-hvt-configure: tenders/hvt/solo5-hvt-configure.sh
	$(call cmd,CP,$@)mkdir -p $(@D) && cp $< $@ && chmod +x $@

# ---- solo5-elftool ----------------------------------------------------------
ELFTOOL_SRCS := $(sort $(wildcard elftool/*.c))
$(S_BIN)/solo5-elftool: $(ELFTOOL_SRCS:%.c=$(B)/host/%.o) $(B)/host/libcommon.a
	$(call cmd,LD,$@)mkdir -p $(@D) && $(HOST_CC) -o $@ $^ -ljansson

# The tenders and guest targets this build makes (override to build fewer).
TENDERS := spt hvt
tools: $(TENDERS:%=$(S_BIN)/solo5-%) $(S_BIN)/solo5-elftool \
	$(if $(filter hvt,$(TENDERS)),$(S_BIN)/solo5-hvt-configure) \
	$(S_BIN)/solo5-virtio-run $(S_BIN)/solo5-virtio-mkimage
# The virtio launcher and image maker (QEMU, GRUB), POSIX sh scripts.
$(S_BIN)/solo5-virtio-%: scripts/solo5-virtio-%
	$(call cmd,CP,$@)mkdir -p $(@D) && cp $< $@ && chmod +x $@

# ---- guest bindings: one relocatable object per target ----------------------
BINDINGS_COMMON := $(call arch_srcs,$(sort $(wildcard bindings/*.c)))
$(B)/guest/%.o: %.c config.mk
	$(call cmd,CC-GUEST,$@)mkdir -p $(@D) && \
	$(GUEST_CC) $(GUEST_CFLAGS) -c -o $@ $<
$(B)/guest/%.o: %.S config.mk
	$(call cmd,AS-GUEST,$@)mkdir -p $(@D) && \
	$(GUEST_CC) $(GUEST_CFLAGS) -c -o $@ $<

# A target's bindings: bindings/*.c plus the files of its folders; hvt and
# virtio share the bare-metal x86_64 code in bindings/metal/.
BINDINGS_DIRS_spt := spt
BINDINGS_DIRS_hvt := metal hvt
BINDINGS_DIRS_virtio := metal virtio
# Link-only targets take none of the shared bindings (bindings/*.c).
LINK_ONLY_TARGETS := stub
# Only the API and the symbols compiled application code refers to stay global.
KEEP_SYMS := -G 'solo5_*' -G '_start*' -G __stack_chk_guard -G __stack_chk_fail
define bindings_target
BINDINGS_$(1)_OBJS := $$(patsubst %,$(B)/guest/%.o,$$(basename \
	$$(if $$(filter $(1),$(LINK_ONLY_TARGETS)),,$$(BINDINGS_COMMON)) \
	$$(call arch_srcs,$$(sort $$(foreach d,$$(BINDINGS_DIRS_$(1)),\
	$$(wildcard bindings/$$(d)/*.c bindings/$$(d)/*.S))))))
$(S_LIB)/solo5_$(1).o: $$(BINDINGS_$(1)_OBJS)
	$$(call cmd,LD-R,$$@)mkdir -p $$(@D) && \
	$(GUEST_LD) -r -o $$@.tmp $$^ && \
	$(GUEST_OBJCOPY) -w $(KEEP_SYMS) $$@.tmp $$@ && rm -f $$@.tmp
$(S_LIB)/solo5_$(1).lds: $$(or $$(LDS_$(1)),bindings/$(1)/solo5_$(1).lds)
	$$(call cmd,CP,$$@)mkdir -p $$(@D) && cp $$< $$@
bindings: $(S_LIB)/solo5_$(1).o $(S_LIB)/solo5_$(1).lds
endef
TARGETS := spt hvt virtio
$(foreach t,$(TARGETS),$(eval $(call bindings_target,$(t))))
# The stub ABI, the toolchain's default: every call fails, nothing boots, but a
# configure script's trivial program (main or solo5_app_main) links. It takes
# none of the shared bindings (LINK_ONLY_TARGETS, above) and links with spt's
# script.
BINDINGS_DIRS_stub := stub
LDS_stub := bindings/spt/solo5_spt.lds
$(eval $(call bindings_target,stub))

# ---- toolchain: wrappers, headers, compiler's freestanding headers ----------
HEADERS := solo5.h elf_abi.h hvt_abi.h mft_abi.h spt_abi.h
$(S_INC)/%.h: include/%.h
	$(call cmd,CP,$@)mkdir -p $(@D) && cp $< $@
$(S_BIN)/$(TRIPLE)-%: toolchain/%.in config.mk
	$(call cmd,GEN,$@)mkdir -p $(@D) && sed \
	-e 's|@GUEST_CC@|$(GUEST_CC)|g' -e 's|@GUEST_LD@|$(GUEST_LD)|g' \
	-e 's|@GUEST_OBJCOPY@|$(GUEST_OBJCOPY)|g' -e 's|@TRIPLE@|$(TRIPLE)|g' \
	-e 's|@VERSION@|$(VERSION)|g' \
	$< >$@.tmp && chmod +x $@.tmp && mv $@.tmp $@
# gcc's syslimits.h includes the next limits.h unconditionally: Kiln's
# includes it only when there is one, so limits.h works freestanding too.
$(S_CCINC)/.stamp: config.mk toolchain/syslimits.h
	$(call cmd,CP,$(S_CCINC))rm -rf $(S_CCINC) && mkdir -p $(S_CCINC) && \
	cp -R $(GUEST_CC_INCLUDE)/. $(S_CCINC)/ && \
	if [ -f $(S_CCINC)/syslimits.h ]; then cp toolchain/syslimits.h $(S_CCINC)/; fi && \
	touch $@
TOOLCHAIN_FILES := $(HEADERS:%=$(S_INC)/%) $(S_CCINC)/.stamp \
	$(foreach w,cc ld objcopy,$(S_BIN)/$(TRIPLE)-$(w))
toolchain: $(TOOLCHAIN_FILES)

# ---- in-tree unikernels (tests, benchmarks): built the way a user builds one -
# $(call guest_unikernel,NAME,SRCDIR,OUTDIR,CFLAGS,HEADERS,TARGETS): every
# SRCDIR/*.c plus SRCDIR/manifest.json becomes OUTDIR/NAME.<target> for each
# of TARGETS (default: every target built) via the staged toolchain; compiling does not
# depend on the target, so the objects are shared.
TCC := $(S_BIN)/$(TRIPLE)-cc
define guest_unikernel
$(3)/$(1)/manifest.c: $(2)/manifest.json $(S_BIN)/solo5-elftool
	$$(call cmd,MFT,$$@)mkdir -p $$(@D) && $(S_BIN)/solo5-elftool gen-manifest $$< $$@
$(3)/$(1)/%.o: $(2)/%.c $(5) $(TOOLCHAIN_FILES) $$(GUEST_DEPS_$(1))
	$$(call cmd,CC-GUEST,$$@)mkdir -p $$(@D) && $(TCC) $(4) $$(GUEST_FLAGS_$(1)) -MMD -MP -c -o $$@ $$<
$(3)/$(1)/manifest.o: $(3)/$(1)/manifest.c $(TOOLCHAIN_FILES)
	$$(call cmd,CC-GUEST,$$@)$(TCC) $(4) -c -o $$@ $$<
$(foreach t,$(or $(6),$(TARGETS)),$(call guest_link,$(1),$(2),$(3),$(t)))
endef
# $(call guest_link,NAME,SRCDIR,OUTDIR,TARGET): one target's link rule.
# GUEST_FLAGS_NAME, if set, go to both compiling and linking (a C library's
# --specs=picolibc.specs), GUEST_DEPS_NAME are what they need built first.
define guest_link
$(3)/$(1).$(4): $(patsubst $(2)/%.c,$(3)/$(1)/%.o,$(wildcard $(2)/*.c)) \
	$(3)/$(1)/manifest.o $(S_LIB)/solo5_$(4).o $(S_LIB)/solo5_$(4).lds $$(GUEST_DEPS_$(1))
	$$(call cmd,LD-GUEST,$$@)$(TCC) $$(GUEST_FLAGS_$(1)) -z solo5-abi=$(4) -o $$@ \
	$$(filter-out $(S_LIB)/%,$$(filter %.o,$$^))

endef

# ---- install ------------------------------------------------------------------
# The staged tree; README.md, LICENSE and docs/*.md in share/doc/kiln (the README's
# links kept); the examples' sources in share/kiln/examples, each of which builds
# from the installed tree alone; the ocamlfind toolchain solo5's path(solo5) names
# the installed OCaml packages (ocaml/rules.mk).
EXAMPLES := hello counter echo http https ocaml-counter ocaml-ping
example_files = $(wildcard $(addprefix examples/$(1)/,Makefile *.c *.h *.json *.ml))
I_DOC := $(DESTDIR)$(PREFIX)/share/doc/kiln
I_EX := $(DESTDIR)$(PREFIX)/share/kiln/examples
install: all
	$(call cmd,INSTALL,$(DESTDIR)$(PREFIX))mkdir -p $(DESTDIR)$(PREFIX) && \
	cp -R $(STAGE)/bin $(STAGE)/include $(STAGE)/lib $(DESTDIR)$(PREFIX)/ && \
	mkdir -p $(I_DOC)/docs && cp README.md LICENSE $(I_DOC)/ && \
	cp docs/*.md $(I_DOC)/docs/ && \
	$(foreach e,$(EXAMPLES),rm -rf $(I_EX)/$(e) && mkdir -p $(I_EX)/$(e) && \
	cp $(call example_files,$(e)) $(I_EX)/$(e)/ &&) true
	$(Q)$(if $(LIBC),$(call ocaml_solo5_conf,$(PREFIX)/lib/$(TRIPLE)/ocaml) \
	>$(DESTDIR)$(PREFIX)/lib/$(TRIPLE)/ocaml/findlib.conf.d/solo5.conf)
.PHONY: install

# ---- the example unikernel, built the way a user builds one ------------------
run:
	$(Q)scripts/deps.sh build
	$(Q)$(MAKE) --no-print-directory all
	$(Q)$(MAKE) --no-print-directory -C examples/hello \
		TOOLCHAIN=$(abspath $(S_BIN)) OUT=$(abspath $(B)/examples/hello)
	$(Q)scripts/run-example.sh $(B)/examples/hello/hello.spt
.PHONY: run

include crt/rules.mk
include net/rules.mk
include mbedtls/rules.mk
include ocaml/rules.mk
include gmp/rules.mk
include zarith/rules.mk
include tests/rules.mk
include bench/rules.mk

clean:
	rm -rf $(B)
distclean: clean
	rm -f config.mk
.PHONY: clean distclean

# Files only: a fetched source may have a folder named *.d (mbed TLS's ChangeLog.d).
-include $(shell find $(B) -name '*.d' -type f 2>/dev/null)
