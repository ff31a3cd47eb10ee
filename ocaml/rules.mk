# OCaml rules (included by the top Makefile): Debian's OCaml runtime built freestanding by its own configure and make, Kiln's layer beneath it, and the ocamlopt wrapper.
# OCaml is fetched with scripts/fetch-source (the version of Debian's ocaml-nox, whose
# ocamlopt compiles the programs), copied to $(OCAML_B)/src with ocaml/*.patch applied
# (configure.patch: the host x86_64-*-none is amd64 with system "none"), configured
# as a cross build for --host=x86_64-solo5-none with the staged cc and
# --specs=picolibc.specs (its checks link through the wrapper, so caml/s.h records
# what picolibc and Kiln's glue offer), then OCaml's own runtime/Makefile makes
# libasmrun.a. Kiln's layer (ocaml/ocaml_*.c: what the runtime asks of an OS and a
# unikernel lacks) is compiled as a user's program is and added to that archive.
# Staged: lib/$(TRIPLE)/ocaml/libasmrun.a, bin/$(TRIPLE)-ocamlopt, and the ocamlfind
# toolchain "solo5" (lib/$(TRIPLE)/ocaml/findlib.conf.d/solo5.conf: its ocamlopt is the
# wrapper, found on PATH; findlib.conf beside it: the host's package path, for
# OCAMLFIND_CONF, so that dune -x solo5 works without changing /etc). The build
# is stamped (.configured, .built): only a change to its inputs redoes it.
OCAML_VERSION := 4.13.1-4
OCAML_UPSTREAM := 4.13.1
OCAML_SUITE := bookworm
OCAML_SRC := $(B)/src/ocaml
OCAML_B := $(B)/ocaml
OCAML_CSRC := $(OCAML_B)/src
OCAML_PATCHES := $(sort $(wildcard ocaml/*.patch))
S_OCAML := $(S_LIB)/ocaml
# Not Linux: the runtime's __linux__ paths (/proc/self/exe...) are left out; Kiln's
# headers for what unix.c includes and picolibc lacks (ocaml/include) come first.
OCAML_CFLAGS := -O2 -g -U__linux__ -U__gnu_linux__ -Ulinux -I$(abspath ocaml/include)
OCAML_CC := $(abspath $(TCC)) --specs=picolibc.specs
# amd64.S marks its stack non-executable only for Linux: the assembler does it here.
OCAML_ASPP := $(OCAML_CC) -c -Wa,--noexecstack
# sak, a tool the runtime's build runs, is built for the build machine.
OCAML_MAKE_VARS := SAK_CC=cc SAK_CFLAGS= 'SAK_LINK=cc -o $$(1) $$(2)'
OCAML_CONFIGURE := --build=x86_64-pc-linux-gnu --host=x86_64-solo5-none \
	--disable-shared --disable-systhreads --disable-unix-lib --disable-str-lib \
	--disable-bigarray-lib --disable-ocamldoc --disable-ocamltest --disable-debugger \
	--disable-debug-runtime --disable-instrumented-runtime

$(OCAML_SRC)/.fetched:
	$(call cmd,FETCH,ocaml $(OCAML_VERSION))scripts/fetch-source \
	ocaml $(OCAML_VERSION) $(OCAML_SUITE) $(OCAML_SRC)
# configure is slow (each check links through the wrapper) and runs again only when
# its command line (configure.args, rewritten only when it changes), the source or
# the patches change; the toolchain and the C library are only needed before it.
# configure and make are quiet; their logs are in $(OCAML_B)/{configure,build}.log.
# OCaml's make runs without this make's flags and variables (MAKEFLAGS=).
OCAML_ARGS = $(OCAML_CONFIGURE) CC="$(OCAML_CC)" ASPP="$(OCAML_ASPP)" \
	CFLAGS="$(OCAML_CFLAGS)" AR=ar RANLIB=ranlib
$(OCAML_B)/configure.args: FORCE
	$(Q)mkdir -p $(@D) && printf '%s\n' '$(OCAML_ARGS)' >$@.tmp && \
	if cmp -s $@.tmp $@; then rm $@.tmp; else mv $@.tmp $@; fi
$(OCAML_CSRC)/.configured: $(OCAML_SRC)/.fetched $(OCAML_PATCHES) $(OCAML_B)/configure.args \
	| $(TOOLCHAIN_FILES) $(LIBC_FILES) $(S_LIB)/solo5_stub.o $(S_LIB)/solo5_stub.lds
	$(call cmd,CONFIG,ocaml)rm -rf $(OCAML_CSRC) && mkdir -p $(OCAML_B) && \
	cp -R $(OCAML_SRC) $(OCAML_CSRC) && \
	for p in $(OCAML_PATCHES); do patch -s -p1 -d $(OCAML_CSRC) <$$p || exit 1; done && \
	{ cd $(OCAML_CSRC) && ./configure $(OCAML_ARGS); } \
	  >$(abspath $(OCAML_B))/configure.log 2>&1 || \
	  { tail -n 30 $(OCAML_B)/configure.log; exit 1; }
	$(Q)touch $@
# The runtime's objects see only headers: the toolchain's, picolibc's, Kiln's. OCaml's
# make does not track those, so its objects are removed first (it takes a minute).
$(OCAML_B)/.built: $(OCAML_CSRC)/.configured $(wildcard ocaml/include/*/*.h) \
	$(TOOLCHAIN_FILES) $(S_LIBC_INC)/.stamp
	$(call cmd,OCAML,make -C runtime libasmrun.a)\
	rm -f $(OCAML_CSRC)/runtime/*.o $(OCAML_CSRC)/runtime/*.a && MAKEFLAGS= $(MAKE) -C $(OCAML_CSRC)/runtime $(OCAML_MAKE_VARS) libasmrun.a \
	  >$(OCAML_B)/build.log 2>&1 || { tail -n 30 $(OCAML_B)/build.log; exit 1; }
	$(Q)touch $@

# Kiln's layer, compiled as a user's program is, against the configured runtime's headers.
OCAML_GLUE_SRCS := $(sort $(wildcard ocaml/ocaml_*.c))
OCAML_GLUE_OBJS := $(OCAML_GLUE_SRCS:ocaml/%.c=$(OCAML_B)/glue/%.o)
OCAML_GLUE_CFLAGS := --specs=picolibc.specs -std=gnu11 -O2 -g $(WARN) \
	-I$(abspath ocaml/include) -MMD -MP
$(OCAML_B)/glue/%.o: ocaml/%.c $(OCAML_CSRC)/.configured $(TOOLCHAIN_FILES) $(LIBC_FILES)
	$(call cmd,CC-GUEST,$@)mkdir -p $(@D) && $(TCC) $(OCAML_GLUE_CFLAGS) -c -o $@ $<
-include $(OCAML_GLUE_OBJS:.o=.d)

$(S_OCAML)/libasmrun.a: $(OCAML_B)/.built $(OCAML_GLUE_OBJS)
	$(call cmd,AR,$@)mkdir -p $(@D) && cp $(OCAML_CSRC)/runtime/libasmrun.a $@.tmp && \
	ar rs $@.tmp $(OCAML_GLUE_OBJS) && mv $@.tmp $@
$(S_BIN)/$(TRIPLE)-ocamlopt: toolchain/ocamlopt.in ocaml/rules.mk
	$(call cmd,GEN,$@)mkdir -p $(@D) && sed -e 's|@TRIPLE@|$(TRIPLE)|g' \
	-e 's|@OCAML_VERSION@|$(OCAML_UPSTREAM)|g' $< >$@.tmp && chmod +x $@.tmp && mv $@.tmp $@

# The toolchain's packages are Kiln's (zarith, zarith/rules.mk), found first in
# $(S_OCAML), then the host's: Debian's pure-OCaml libraries link unchanged. The
# path is absolute: make install rewrites it for PREFIX.
$(S_OCAML)/findlib.conf.d/solo5.conf: ocaml/rules.mk
	$(call cmd,GEN,$@)mkdir -p $(@D) && p=$$(ocamlfind printconf path | paste -sd:) && \
	printf '%s\n' 'ocamlopt(solo5) = "$(TRIPLE)-ocamlopt"' \
	  "path(solo5) = \"$(abspath $(S_OCAML)):$$p\"" >$@.tmp && mv $@.tmp $@
$(S_OCAML)/findlib.conf: ocaml/rules.mk
	$(call cmd,GEN,$@)mkdir -p $(@D) && p=$$(ocamlfind printconf path | paste -sd:) && \
	printf 'path = "%s"\n' "$$p" >$@.tmp && mv $@.tmp $@

OCAML_FILES := $(S_OCAML)/libasmrun.a $(S_BIN)/$(TRIPLE)-ocamlopt \
	$(S_OCAML)/findlib.conf $(S_OCAML)/findlib.conf.d/solo5.conf
ocaml: $(OCAML_FILES)
libc: $(if $(LIBC),$(OCAML_FILES))
.PHONY: ocaml FORCE
FORCE:
