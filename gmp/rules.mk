# GMP rules (included by the top Makefile): Debian's GMP cross-built by its own configure and make through the staged wrapper.
# GMP is fetched with scripts/fetch-source (Debian's patches applied) and
# copied to $(GMP_CSRC). Debian's source has no doc/ (it is not free software
# by Debian's rules): its patch drops doc/ from configure.ac and Makefile.am,
# and Debian's build regenerates configure and Makefile.in with autoreconf;
# the copy gets the same two changes in the generated files instead (sed
# below), so no autotools are needed. It is configured in a build folder of
# its own, $(GMP_OBJ), for --host=x86_64-solo5-none: GMP's config.sub takes "solo5"
# as the vendor and "none" as the system, and the CPU "x86_64" is GMP's generic
# x86-64, whose mpn/x86_64 assembly runs on any x86-64 CPU (no CPU-specific
# code, no fat binary: a unikernel may move to another host). The compiler is
# the staged wrapper with --specs=picolibc.specs, so configure's checks compile
# and link against picolibc; it links the stub ABI, which is enough for them
# (cross compiling, configure runs nothing it links). --disable-shared (a
# unikernel is static), no C++ (Kiln has no C++ runtime). configure's and
# make's output is in $(GMP_B)/build.log. Staged: lib/x86_64-solo5-none-static/
# libgmp.a and include/gmp/gmp.h, which the wrapper searches with
# --specs=picolibc.specs: a program includes <gmp.h> and links -lgmp.
GMP_VERSION := 2:6.2.1+dfsg1-1.1
GMP_SUITE := bookworm
GMP_SRC := $(B)/src/gmp
GMP_B := $(B)/gmp
GMP_CSRC := $(GMP_B)/src
GMP_OBJ := $(GMP_B)/obj
S_GMP_INC := $(STAGE)/include/gmp
GMP_CC := $(abspath $(S_BIN))/$(TRIPLE)-cc --specs=picolibc.specs
GMP_JOBS = $(filter -j% --jobserver%,$(MAKEFLAGS))
GMP_CONFIG := --host=x86_64-solo5-none --disable-shared --enable-static --disable-cxx

$(GMP_SRC)/.fetched:
	$(call cmd,FETCH,gmp $(GMP_VERSION))scripts/fetch-source \
	gmp $(GMP_VERSION) $(GMP_SUITE) $(GMP_SRC)
# GMP's make runs without this make's flags and variables (V=1 or CC=... given to
# Kiln's make must not reach it), but in its job slots (-j and the jobserver
# kept of MAKEFLAGS); CC_FOR_BUILD (the host's cc) builds its table generators.
$(GMP_B)/.built: $(GMP_SRC)/.fetched $(TOOLCHAIN_FILES) $(LIBC_FILES) gmp/rules.mk
	$(call cmd,GMP,configure $(GMP_CONFIG) && make)rm -rf $(GMP_OBJ) $(GMP_CSRC) && \
	mkdir -p $(GMP_OBJ) && cp -R $(GMP_SRC) $(GMP_CSRC) && \
	sed -i 's| doc/Makefile | |' $(GMP_CSRC)/configure && \
	sed -i 's|^\(SUBDIRS = .*\) doc$$|\1|' $(GMP_CSRC)/Makefile.in && \
	{ cd $(GMP_OBJ) && \
	  $(abspath $(GMP_CSRC))/configure $(GMP_CONFIG) \
	    --build=$$($(abspath $(GMP_CSRC))/config.guess) \
	    CC="$(GMP_CC)" CFLAGS="-O2 -g" CC_FOR_BUILD=cc && \
	  MAKEFLAGS='$(GMP_JOBS)' $(MAKE); \
	} >$(abspath $(GMP_B))/build.log 2>&1 || \
	  { tail -n 30 $(abspath $(GMP_B))/build.log; exit 1; }
	$(Q)touch $@

$(S_LIB)/libgmp.a: $(GMP_B)/.built
	$(call cmd,CP,$@)mkdir -p $(@D) && cp $(GMP_OBJ)/.libs/libgmp.a $@
$(S_GMP_INC)/gmp.h: $(GMP_B)/.built
	$(call cmd,CP,$@)mkdir -p $(@D) && cp $(GMP_OBJ)/gmp.h $@

GMP_FILES := $(S_LIB)/libgmp.a $(S_GMP_INC)/gmp.h
gmp: $(GMP_FILES)
libc: $(if $(LIBC),$(GMP_FILES))
.PHONY: gmp
