# C runtime rules (included by the top Makefile): picolibc from Debian's source, and Kiln's glue.
# picolibc is fetched with scripts/fetch-source, built by its own meson build
# with the staged toolchain, and installed into the stage: headers in
# include/picolibc, libc.a and libm.a beside the bindings. The glue (crt/) is
# solo5_crt.o, always linked with the C library, and libsolo5_main.a, whose
# solo5_app_main calls main(argc, argv) when the program has no solo5_app_main.
# LIBC= (empty) builds without it.
LIBC ?= picolibc
PICOLIBC_VERSION := 1.8.10-2
PICOLIBC_SUITE := trixie
PICOLIBC_SRC := $(B)/src/picolibc
PICOLIBC_B := $(B)/picolibc
PICOLIBC_OPTS := --buildtype=debugoptimized -Dmultilib=false -Dpicocrt=false \
	-Dsemihost=false -Dspecsdir=none -Dthread-local-storage=true \
	-Dtls-model=local-exec -Dstack-protector-guard=global -Dio-long-long=true \
	-Dposix-console=false -Dnewlib-nano-malloc=false
S_LIBC_INC := $(STAGE)/include/picolibc

$(PICOLIBC_SRC)/.fetched:
	$(call cmd,FETCH,picolibc $(PICOLIBC_VERSION))scripts/fetch-source \
	picolibc $(PICOLIBC_VERSION) $(PICOLIBC_SUITE) $(PICOLIBC_SRC)
# Kiln's changes to picolibc, applied to a copy of the Debian source in
# $(PICOLIBC_PSRC): crt/picolibc/*.c are copied beside tinystdio's sources,
# then crt/picolibc/*.patch applied in order (patch -p1).
PICOLIBC_PSRC := $(PICOLIBC_B)/src
PICOLIBC_PATCHES := $(sort $(wildcard crt/picolibc/*.patch))
PICOLIBC_ADDED := $(wildcard crt/picolibc/*.c)
$(PICOLIBC_PSRC)/.patched: $(PICOLIBC_SRC)/.fetched $(PICOLIBC_PATCHES) $(PICOLIBC_ADDED)
	$(call cmd,PATCH,picolibc)rm -rf $(PICOLIBC_PSRC) && mkdir -p $(PICOLIBC_B) && \
	cp -R $(PICOLIBC_SRC) $(PICOLIBC_PSRC) && \
	cp $(PICOLIBC_ADDED) $(PICOLIBC_PSRC)/newlib/libc/tinystdio/ && \
	for p in $(PICOLIBC_PATCHES); do \
	  patch -s -p1 -d $(PICOLIBC_PSRC) <$$p || exit 1; done && touch $@
$(PICOLIBC_B)/cross.txt: crt/meson-cross.txt.in
	$(call cmd,GEN,$@)mkdir -p $(@D) && \
	sed 's|@BIN@|$(abspath $(S_BIN))|g' $< >$@
# meson and ninja are quiet unless V=1; their log is in $(PICOLIBC_B)/build.log.
# meson's checks link through the wrapper: the stub ABI (its default) must be there.
$(PICOLIBC_B)/.installed: $(PICOLIBC_PSRC)/.patched $(PICOLIBC_B)/cross.txt \
	$(TOOLCHAIN_FILES) $(S_LIB)/solo5_stub.o $(S_LIB)/solo5_stub.lds crt/rules.mk
	$(call cmd,MESON,picolibc)rm -rf $(PICOLIBC_B)/b $(PICOLIBC_B)/inst && \
	{ meson setup --cross-file $(PICOLIBC_B)/cross.txt $(PICOLIBC_OPTS) \
	  -Dprefix=$(abspath $(PICOLIBC_B)/inst) -Dincludedir=include -Dlibdir=lib \
	  $(PICOLIBC_B)/b $(PICOLIBC_PSRC) && ninja -C $(PICOLIBC_B)/b install; } \
	  >$(PICOLIBC_B)/build.log 2>&1 || { tail -n 30 $(PICOLIBC_B)/build.log; exit 1; }
	$(Q)touch $@
$(S_LIB)/libc.a $(S_LIB)/libm.a: $(S_LIB)/lib%.a: $(PICOLIBC_B)/.installed
	$(call cmd,CP,$@)mkdir -p $(@D) && cp $(PICOLIBC_B)/inst/lib/lib$*.a $@
# Kiln's own headers for hosted programs (crt/include: <kiln/entropy.h>) beside picolibc's.
CRT_HEADERS := $(wildcard crt/include/kiln/*.h)
$(S_LIBC_INC)/.stamp: $(PICOLIBC_B)/.installed $(CRT_HEADERS)
	$(call cmd,CP,$(S_LIBC_INC))rm -rf $(S_LIBC_INC) && mkdir -p $(S_LIBC_INC) && \
	cp -R $(PICOLIBC_B)/inst/include/. crt/include/. $(S_LIBC_INC)/ && touch $@

# Without the flag, the cc wrapper searches this folder last (-idirafter): a
# stand-in for each header picolibc installs, saying which flag is missing; and
# links nolibc.ld, which says it for a program that defines main.
S_LIBC_HINT := $(STAGE)/include/picolibc-hint
$(S_LIBC_HINT)/.stamp: $(S_LIBC_INC)/.stamp
	$(call cmd,GEN,$(S_LIBC_HINT))rm -rf $(S_LIBC_HINT) && \
	(cd $(S_LIBC_INC) && find . -name '*.h') | while read -r h; do \
	  h=$${h#./}; mkdir -p $(S_LIBC_HINT)/$$(dirname $$h) && \
	  printf '%s\n' "/* Kiln: <$$h> without the C library. */" \
	  "#error \"<$$h> is picolibc's: compile and link with --specs=picolibc.specs\"" \
	  >$(S_LIBC_HINT)/$$h || exit 1; done && touch $@
$(S_LIB)/nolibc.ld: toolchain/nolibc.ld
	$(call cmd,CP,$@)mkdir -p $(@D) && cp $< $@

# The glue, compiled as a user's program is: the staged wrapper and the flag.
CRT_SRCS := $(call arch_srcs,$(sort $(wildcard crt/crt_*.c)))
CRT_B := $(B)/crt
CRT_CFLAGS := --specs=picolibc.specs -std=gnu11 -O2 -g $(WARN) -MMD -MP
LIBC_FILES := $(S_LIB)/libc.a $(S_LIB)/libm.a $(S_LIBC_INC)/.stamp
$(CRT_B)/%.o: crt/%.c $(TOOLCHAIN_FILES) $(LIBC_FILES)
	$(call cmd,CC-GUEST,$@)mkdir -p $(@D) && $(TCC) $(CRT_CFLAGS) -c -o $@ $<
$(S_LIB)/solo5_crt.o: $(patsubst crt/%.c,$(CRT_B)/%.o,$(filter-out crt/crt_main.c,$(CRT_SRCS)))
	$(call cmd,LD-R,$@)$(GUEST_LD) -r -o $@.tmp $^ && \
	$(GUEST_OBJCOPY) -w -L 'crt_*' $@.tmp $@ && rm -f $@.tmp
$(S_LIB)/libsolo5_main.a: $(CRT_B)/crt_main.o
	$(call cmd,AR,$@)rm -f $@ && ar rcs $@ $^
LIBC_FILES += $(S_LIB)/solo5_crt.o $(S_LIB)/libsolo5_main.a $(S_LIBC_HINT)/.stamp \
	$(S_LIB)/nolibc.ld

libc: $(if $(LIBC),$(LIBC_FILES))
.PHONY: libc
