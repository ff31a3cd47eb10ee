# mbed TLS rules (included by the top Makefile): Debian's mbed TLS, configured for Kiln and built by its own CMake.
# mbed TLS is fetched with scripts/fetch-source and copied to $(MBEDTLS_CSRC),
# where mbed TLS's scripts/config.py applies mbedtls/config.txt to its
# include/mbedtls/config.h and Kiln's timing_alt.h is put beside it. Its own
# CMake build then makes the three static libraries through the staged wrapper
# with --specs=picolibc.specs (the toolchain file is lwIP's). Kiln's glue
# (mbedtls/mbedtls_*.c: the entropy source and the timing functions) is
# compiled as a user's program is and added to libmbedcrypto.a. Staged:
# lib/x86_64-solo5-none-static/lib{mbedtls,mbedx509,mbedcrypto}.a, and the
# headers (mbedtls/*.h with Kiln's config.h, psa/*.h) in include/mbedtls,
# which the wrapper searches with --specs=picolibc.specs.
MBEDTLS_VERSION := 2.28.3-1
MBEDTLS_SUITE := bookworm
MBEDTLS_SRC := $(B)/src/mbedtls
MBEDTLS_B := $(B)/mbedtls
MBEDTLS_CSRC := $(MBEDTLS_B)/src
S_MBEDTLS_INC := $(STAGE)/include/mbedtls
MBEDTLS_LIBS := mbedtls mbedx509 mbedcrypto

$(MBEDTLS_SRC)/.fetched:
	$(call cmd,FETCH,mbedtls $(MBEDTLS_VERSION))scripts/fetch-source \
	mbedtls $(MBEDTLS_VERSION) $(MBEDTLS_SUITE) $(MBEDTLS_SRC)
# Each line of config.txt, its comment dropped, is a config.py command.
$(MBEDTLS_CSRC)/.configured: $(MBEDTLS_SRC)/.fetched mbedtls/config.txt mbedtls/timing_alt.h
	$(call cmd,CONFIG,mbedtls)rm -rf $(MBEDTLS_CSRC) && mkdir -p $(MBEDTLS_B) && \
	cp -R $(MBEDTLS_SRC) $(MBEDTLS_CSRC) && \
	cp mbedtls/timing_alt.h $(MBEDTLS_CSRC)/include/mbedtls/ && \
	sed 's/#.*//' mbedtls/config.txt | while read -r op name; do \
	  [ -z "$$op" ] || python3 $(MBEDTLS_CSRC)/scripts/config.py \
	    -f $(MBEDTLS_CSRC)/include/mbedtls/config.h "$$op" "$$name" || exit 1; \
	done && touch $@
$(MBEDTLS_B)/toolchain.cmake: net/cmake-toolchain.cmake.in
	$(call cmd,GEN,$@)mkdir -p $(@D) && \
	sed 's|@BIN@|$(abspath $(S_BIN))|g' $< >$@
# CMake's own make runs under this one's jobserver; its log is in
# $(MBEDTLS_B)/build.log. Only the libraries: its programs and tests need files.
$(MBEDTLS_B)/b/.built: $(MBEDTLS_CSRC)/.configured $(MBEDTLS_B)/toolchain.cmake \
	$(TOOLCHAIN_FILES) $(LIBC_FILES) mbedtls/rules.mk
	$(call cmd,CMAKE,mbedtls)rm -rf $(MBEDTLS_B)/b && \
	{ cmake -S $(MBEDTLS_CSRC) -B $(MBEDTLS_B)/b -G 'Unix Makefiles' \
	  -DCMAKE_TOOLCHAIN_FILE=$(abspath $(MBEDTLS_B)/toolchain.cmake) \
	  -DCMAKE_BUILD_TYPE=Release -DENABLE_PROGRAMS=OFF -DENABLE_TESTING=OFF \
	  -DUSE_STATIC_MBEDTLS_LIBRARY=ON -DUSE_SHARED_MBEDTLS_LIBRARY=OFF && \
	  $(MAKE) -C $(MBEDTLS_B)/b $(MBEDTLS_LIBS); } >$(MBEDTLS_B)/build.log 2>&1 || \
	  { tail -n 30 $(MBEDTLS_B)/build.log; exit 1; }
	$(Q)touch $@

# The glue, compiled as a user's program is: the staged wrapper and the flag.
MBEDTLS_GLUE_SRCS := $(sort $(wildcard mbedtls/mbedtls_*.c))
MBEDTLS_GLUE_OBJS := $(MBEDTLS_GLUE_SRCS:mbedtls/%.c=$(MBEDTLS_B)/glue/%.o)
MBEDTLS_GLUE_CFLAGS := --specs=picolibc.specs -std=gnu11 -O2 -g $(WARN) \
	-I$(MBEDTLS_CSRC)/include -MMD -MP
$(MBEDTLS_B)/glue/%.o: mbedtls/%.c $(MBEDTLS_CSRC)/.configured $(TOOLCHAIN_FILES) $(LIBC_FILES)
	$(call cmd,CC-GUEST,$@)mkdir -p $(@D) && $(TCC) $(MBEDTLS_GLUE_CFLAGS) -c -o $@ $<

$(S_LIB)/libmbedcrypto.a: $(MBEDTLS_B)/b/.built $(MBEDTLS_GLUE_OBJS)
	$(call cmd,AR,$@)mkdir -p $(@D) && cp $(MBEDTLS_B)/b/library/libmbedcrypto.a $@.tmp && \
	ar rs $@.tmp $(MBEDTLS_GLUE_OBJS) && mv $@.tmp $@
$(S_LIB)/libmbedx509.a $(S_LIB)/libmbedtls.a: $(S_LIB)/lib%.a: $(MBEDTLS_B)/b/.built
	$(call cmd,CP,$@)mkdir -p $(@D) && cp $(MBEDTLS_B)/b/library/lib$*.a $@
$(S_MBEDTLS_INC)/.stamp: $(MBEDTLS_B)/b/.built
	$(call cmd,CP,$(S_MBEDTLS_INC))rm -rf $(S_MBEDTLS_INC) && mkdir -p $(S_MBEDTLS_INC) && \
	cp -R $(MBEDTLS_CSRC)/include/mbedtls $(MBEDTLS_CSRC)/include/psa $(S_MBEDTLS_INC)/ && \
	touch $@

MBEDTLS_FILES := $(MBEDTLS_LIBS:%=$(S_LIB)/lib%.a) $(S_MBEDTLS_INC)/.stamp
mbedtls: $(MBEDTLS_FILES)
libc: $(if $(LIBC),$(MBEDTLS_FILES))
.PHONY: mbedtls
