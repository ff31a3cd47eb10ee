# zlib rules (included by tests/rules.mk): Debian's zlib cross-built by its own configure and make through the staged toolchain, and unikernels of it.
# zlib is fetched with scripts/fetch-source (the version pinned: bookworm-security's
# is not on every mirror), copied to $(ZLIB_B)/src (its configure builds in the
# source tree) and built there with the staged cc and --specs=picolibc.specs, the
# host's ar and ranlib. Its test/example.c is compiled by zlib's own Makefile with
# Z_SOLO, zlib's macro for builds without files: without it, example.c's gz*-file
# test opens foo.gz, which fails (open() is ENOSYS: no file system), and exits 1.
# Z_SOLO also drops its compress()/uncompress() test, which roundtrip.c covers.
# Outputs: $(ZLIB_B)/{example,roundtrip}.<target>; the hvt ones are also copied to
# the guest folder as zlib_{example,roundtrip}.hvt, for the VM of the hvt cases.
ZLIB_VERSION := 1:1.2.13.dfsg-1
ZLIB_SUITE := bookworm
ZLIB_SRC := $(B)/src/zlib
ZLIB_B := $(TESTS_B)/zlib
ZLIB_CC := $(abspath $(S_BIN))/$(TRIPLE)-cc --specs=picolibc.specs
ZLIB_CFLAGS := -O2 -g
ZLIB_LIB := $(ZLIB_B)/src/libz.a
ZLIB_EXAMPLE_O := $(ZLIB_B)/src/example.o
ZLIB_TEST_CFLAGS := --specs=picolibc.specs -std=gnu11 -O2 -g $(WARN) -I$(ZLIB_B)/src

$(ZLIB_SRC)/.fetched:
	$(call cmd,FETCH,zlib $(ZLIB_VERSION))scripts/fetch-source \
	zlib $(ZLIB_VERSION) $(ZLIB_SUITE) $(ZLIB_SRC)
# configure and make are quiet; their log is in $(ZLIB_B)/build.log. zlib's make
# runs without this make's flags and variables (MAKEFLAGS=): V=1 or CC=... given
# to Kiln's make must not reach zlib's Makefile. example.o gets the CFLAGS
# configure chose, plus -DZ_SOLO.
$(ZLIB_B)/.built: $(ZLIB_SRC)/.fetched $(TOOLCHAIN_FILES) $(LIBC_FILES) tests/zlib/rules.mk
	$(call cmd,ZLIB,configure --static && make libz.a example.o)rm -rf $(ZLIB_B)/src && \
	mkdir -p $(ZLIB_B) && cp -R $(ZLIB_SRC) $(ZLIB_B)/src && \
	{ cd $(ZLIB_B)/src && \
	  CC="$(ZLIB_CC)" CFLAGS="$(ZLIB_CFLAGS)" AR=ar RANLIB=ranlib ./configure --static && \
	  MAKEFLAGS= $(MAKE) libz.a && \
	  MAKEFLAGS= $(MAKE) example.o CFLAGS="$$(sed -n 's/^CFLAGS=//p' Makefile) -DZ_SOLO"; \
	} >$(abspath $(ZLIB_B))/build.log 2>&1 || \
	  { tail -n 30 $(abspath $(ZLIB_B))/build.log; exit 1; }
	$(Q)touch $@
$(ZLIB_LIB) $(ZLIB_EXAMPLE_O): $(ZLIB_B)/.built

$(ZLIB_B)/%.mft.c: tests/zlib/%.json $(S_BIN)/solo5-elftool
	$(call cmd,MFT,$@)mkdir -p $(@D) && $(S_BIN)/solo5-elftool gen-manifest $< $@
$(ZLIB_B)/%.mft.o: $(ZLIB_B)/%.mft.c $(TOOLCHAIN_FILES)
	$(call cmd,CC-GUEST,$@)$(TCC) -c -o $@ $<
$(ZLIB_B)/roundtrip.o: tests/zlib/roundtrip.c $(ZLIB_B)/.built
	$(call cmd,CC-GUEST,$@)$(TCC) $(ZLIB_TEST_CFLAGS) -c -o $@ $<

# $(call zlib_link,TARGET): example.TARGET and roundtrip.TARGET.
define zlib_link
$(ZLIB_B)/example.$(1): $(ZLIB_EXAMPLE_O) $(ZLIB_B)/example.mft.o $(ZLIB_LIB) \
	$(S_LIB)/solo5_$(1).o $(S_LIB)/solo5_$(1).lds
	$$(call cmd,LD-GUEST,$$@)$(TCC) --specs=picolibc.specs -z solo5-abi=$(1) -o $$@ \
	$(ZLIB_EXAMPLE_O) $(ZLIB_B)/example.mft.o $(ZLIB_LIB)
$(ZLIB_B)/roundtrip.$(1): $(ZLIB_B)/roundtrip.o $(ZLIB_B)/roundtrip.mft.o $(ZLIB_LIB) \
	$(S_LIB)/solo5_$(1).o $(S_LIB)/solo5_$(1).lds
	$$(call cmd,LD-GUEST,$$@)$(TCC) --specs=picolibc.specs -z solo5-abi=$(1) -o $$@ \
	$(ZLIB_B)/roundtrip.o $(ZLIB_B)/roundtrip.mft.o $(ZLIB_LIB)
endef
$(foreach t,$(TARGETS),$(eval $(call zlib_link,$(t))))
$(GUEST_TEST_B)/zlib_%.hvt: $(ZLIB_B)/%.hvt
	$(call cmd,CP,$@)mkdir -p $(@D) && cp $< $@

ZLIB_BINS := $(foreach t,$(TARGETS),$(ZLIB_B)/example.$(t) $(ZLIB_B)/roundtrip.$(t)) \
	$(if $(filter hvt,$(TARGETS)),$(GUEST_TEST_B)/zlib_example.hvt \
	$(GUEST_TEST_B)/zlib_roundtrip.hvt)
zlib: $(ZLIB_BINS)
test-build: $(if $(LIBC),$(ZLIB_BINS))
.PHONY: zlib
.SECONDARY: $(ZLIB_B)/example.mft.c $(ZLIB_B)/roundtrip.mft.c $(ZLIB_B)/example.mft.o \
	$(ZLIB_B)/roundtrip.mft.o
