# Test build rules (included by the top Makefile): unit tests, guest tests, fuzzers.
TESTS_B := $(B)/tests

# ---- host unit tests: cmocka, linked against sanitized tender/elftool code ----
ELFTOOL_LIB_SRCS := $(filter-out elftool/elftool_main.c,$(ELFTOOL_SRCS))
$(B)/san/libelftool.a: $(ELFTOOL_LIB_SRCS:%.c=$(B)/san/%.o)
	$(call cmd,AR,$@)rm -f $@ && ar rcs $@ $^
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(TESTS_B)/unit/%)
$(TESTS_B)/unit/%: $(B)/san/tests/unit/%.o $(B)/san/libelftool.a $(B)/san/libcommon.a
	$(call cmd,LD,$@)mkdir -p $(@D) && \
	$(HOST_CC) $(SAN_FLAGS) -o $@ $^ -lcmocka -ljansson

# The checksum test: net_chksum beside lwIP's own lwip_standard_chksum, built
# from the fetched inet_chksum.c with Kiln's options less LWIP_CHKSUM
# (tests/unit/chksum/lwipopts.h); --gc-sections drops the file's other
# functions, which would need the rest of lwIP.
CHKSUM_INC := -Itests/unit/chksum -Inet -Inet/include -Icrt/include \
	-I$(LWIP_SRC)/src/include
$(B)/san/lwip-ref/inet_chksum.o: $(LWIP_SRC)/.fetched tests/unit/chksum/lwipopts.h \
	$(LWIP_HDRS) config.mk
	$(call cmd,CC-SAN,$@)mkdir -p $(@D) && $(HOST_CC) $(HOST_CFLAGS) $(SAN_FLAGS) \
	$(CHKSUM_INC) -ffunction-sections -c -o $@ $(LWIP_SRC)/src/core/inet_chksum.c
$(B)/san/net/net_chksum.o: HOST_CFLAGS += $(CHKSUM_INC)
$(B)/san/net/net_chksum.o: $(LWIP_SRC)/.fetched
$(TESTS_B)/unit/test_net_chksum: $(B)/san/tests/unit/test_net_chksum.o \
	$(B)/san/net/net_chksum.o $(B)/san/lwip-ref/inet_chksum.o
	$(call cmd,LD,$@)mkdir -p $(@D) && \
	$(HOST_CC) $(SAN_FLAGS) -Wl,--gc-sections -o $@ $^ -lcmocka

# ---- guest test unikernels: tests/guest/NAME/{*.c,manifest.json} -------------
GUEST_TESTS := $(filter-out common,$(notdir $(wildcard tests/guest/*)))
GUEST_TEST_CFLAGS := -O2 -g -std=gnu11 -Wall -Wextra -Werror -Itests/guest/common
GUEST_TEST_HDRS := $(wildcard tests/guest/common/*.h)
GUEST_TEST_B := $(TESTS_B)/guest
# The libc and printf guests are hosted C over picolibc (crt/): the flag, and
# the library first. printf is also built for the host, with glibc, whose
# output its test compares byte for byte.
GUEST_FLAGS_libc := --specs=picolibc.specs
GUEST_DEPS_libc := $(LIBC_FILES)
# The network stack's guest: the same, and it links the network layer (net/).
GUEST_FLAGS_netstack := --specs=picolibc.specs
GUEST_DEPS_netstack := $(LIBC_FILES)
GUEST_FLAGS_netstack_2if := --specs=picolibc.specs
GUEST_DEPS_netstack_2if := $(LIBC_FILES)
# The sockets guest: the same flag, which also brings Kiln's sockets (net/).
GUEST_FLAGS_sockets := --specs=picolibc.specs
GUEST_DEPS_sockets := $(LIBC_FILES)
# The gdb guest keeps its locals on the stack, where gdb finds them.
GUEST_FLAGS_gdb := -O0
# The entropy guest prints getentropy's bytes for rngtest.
GUEST_FLAGS_entropy := --specs=picolibc.specs
GUEST_DEPS_entropy := $(LIBC_FILES)
GUEST_FLAGS_printf := --specs=picolibc.specs
GUEST_DEPS_printf := $(LIBC_FILES)
$(TESTS_B)/printf_glibc: tests/guest/printf/printf.c
	$(call cmd,CC,$@)mkdir -p $(@D) && $(HOST_CC) -std=gnu11 -O2 $(WARN) -o $@ $<
$(foreach t,$(GUEST_TESTS),$(eval $(call guest_unikernel,$(t),tests/guest/$(t),$(GUEST_TEST_B),$(GUEST_TEST_CFLAGS),$(GUEST_TEST_HDRS))))
GUEST_BINS := $(foreach t,$(TARGETS),$(GUEST_TESTS:%=$(TESTS_B)/guest/%.$(t)))

# ---- fuzzers: libFuzzer targets over the same parser sources ------------------
FUZZ_SRCS := $(sort $(wildcard tests/fuzz/fuzz_*.c))
# Found at build time: make check installs clang just before building these.
FUZZ_CC_PATH := $(shell command -v $(FUZZ_CC) 2>/dev/null)
FUZZ_BINS := $(if $(FUZZ_CC_PATH),$(FUZZ_SRCS:tests/fuzz/%.c=$(TESTS_B)/fuzz/%))
FUZZ_FLAGS := -std=gnu11 -g -O1 $(WARN) -D_GNU_SOURCE -Iinclude -Itenders/common \
	-Ielftool -DKILN_VERSION='"$(VERSION)"' \
	-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
$(TESTS_B)/fuzz/%: tests/fuzz/%.c $(COMMON_SRCS) $(ELFTOOL_LIB_SRCS)
	$(call cmd,FUZZ-CC,$@)mkdir -p $(@D) && \
	$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $^ -ljansson
# The hvt fuzzers link the tender without its entry, its hvt_die (theirs
# returns to the fuzz loop) and the KVM backend (they stand in for the calls
# made into it); HALT's exit and the tap attach are wrapped to stay in-process.
FUZZ_HVT_SRCS := $(filter-out tenders/hvt/hvt_main.c tenders/hvt/hvt_die.c \
	$(filter tenders/hvt/hvt_kvm% %_kvm_$(ARCH).c,$(HVT_SRCS)),$(HVT_SRCS))
$(TESTS_B)/fuzz/fuzz_hvt_%: tests/fuzz/fuzz_hvt_%.c tests/fuzz/fuzz_hvt.h \
	$(COMMON_SRCS) $(FUZZ_HVT_SRCS) $(wildcard tenders/hvt/*.h)
	$(call cmd,FUZZ-CC,$@)mkdir -p $(@D) && \
	$(FUZZ_CC) $(FUZZ_FLAGS) -Itenders/hvt -o $@ \
	$(filter %.c,$^) -pthread -Wl,--wrap=exit,--wrap=tap_attach
# The gdb packet fuzzer: the stub's packet layer alone (no KVM, no socket).
$(TESTS_B)/fuzz/fuzz_gdb_%: tests/fuzz/fuzz_gdb_%.c tenders/hvt/hvt_module_gdb_packet.c \
	tenders/hvt/hvt_module_gdb_parse.c \
	tenders/common/common_opt_hex.c tenders/hvt/hvt_module_gdb.h
	$(call cmd,FUZZ-CC,$@)mkdir -p $(@D) && \
	$(FUZZ_CC) $(FUZZ_FLAGS) -Itenders/hvt -o $@ $(filter %.c,$^)
# The virtio fuzzers include the bindings files they test (each run resets
# their static state) and stand in for port I/O and virtio_phys (fuzz_virtio.h).
FUZZ_VIRTIO_DEPS := $(wildcard bindings/*.[ch] bindings/metal/*.h \
	bindings/virtio/*.[ch])
$(TESTS_B)/fuzz/fuzz_virtio_%: tests/fuzz/fuzz_virtio_%.c tests/fuzz/fuzz_virtio.h \
	$(FUZZ_VIRTIO_DEPS)
	$(call cmd,FUZZ-CC,$@)mkdir -p $(@D) && \
	$(FUZZ_CC) $(FUZZ_FLAGS) -Ibindings -Ibindings/virtio -o $@ $<

# The network fuzzers: lwIP built for the host by the same CMake file and
# lwipopts.h, its pools shrunk so that exhaustion is reached, and the port's
# files (net/net_*.c) with the fuzzer standing in for the Solo5 calls.
FUZZ_LWIP_B := $(B)/fuzz-lwip
FUZZ_LWIP_DEFS := -DLWIP_DISABLE_TCP_SANITY_CHECKS=1 -DPBUF_POOL_SIZE=16 \
	-DMEM_SIZE=16384 -DMEMP_NUM_PBUF=8 -DMEMP_NUM_TCP_PCB=4 -DMEMP_NUM_TCP_SEG=16 \
	-DMEMP_NUM_REASSDATA=2 -DMEMP_NUM_ARP_QUEUE=4 -DCHECKSUM_CHECK_IP=0 \
	-DCHECKSUM_CHECK_UDP=0 -DCHECKSUM_CHECK_TCP=0 -DCHECKSUM_CHECK_ICMP=0
FUZZ_LWIP_CFLAGS := -g -O1 -fsanitize=fuzzer-no-link,address,undefined \
	-fno-sanitize-recover=all $(FUZZ_LWIP_DEFS)
$(FUZZ_LWIP_B)/b/liblwip.a: $(LWIP_SRC)/.fetched net/CMakeLists.txt $(LWIP_HDRS) \
	tests/rules.mk
	$(call cmd,CMAKE,lwip for the fuzzers)rm -rf $(FUZZ_LWIP_B)/b && mkdir -p $(FUZZ_LWIP_B) && \
	{ cmake -S net -B $(FUZZ_LWIP_B)/b -G 'Unix Makefiles' \
	  -DCMAKE_C_COMPILER=$(FUZZ_CC) -DCMAKE_BUILD_TYPE=None \
	  -DCMAKE_C_FLAGS='$(FUZZ_LWIP_CFLAGS)' \
	  -DLWIP_DIR=$(abspath $(LWIP_SRC)) -DKILN_NET_DIR=$(abspath net) && \
	  $(MAKE) -C $(FUZZ_LWIP_B)/b lwip; } >$(FUZZ_LWIP_B)/build.log 2>&1 || \
	  { tail -n 30 $(FUZZ_LWIP_B)/build.log; exit 1; }
# The sockets (they define socket, poll, fcntl...) stay out of a host program.
FUZZ_NET_SRCS := $(filter-out net/net_socket%.c net/net_inet.c net/net_netdb.c,$(NET_SRCS))
$(TESTS_B)/fuzz/fuzz_net_%: tests/fuzz/fuzz_net_%.c $(FUZZ_NET_SRCS) net/net.h \
	$(NET_PUBLIC_HDRS) $(FUZZ_LWIP_B)/b/liblwip.a
	$(call cmd,FUZZ-CC,$@)mkdir -p $(@D) && \
	$(FUZZ_CC) $(FUZZ_FLAGS) $(FUZZ_LWIP_DEFS) -Inet -Inet/include -Icrt/include \
	-I$(LWIP_SRC)/src/include -o $@ $(filter %.c %.a,$^)

test-build: all $(UNIT_BINS) $(GUEST_BINS) $(FUZZ_BINS) $(TESTS_B)/printf_glibc
.PHONY: test-build

# make check: install what is missing, build everything, run the whole suite.
check:
	$(Q)scripts/deps.sh
	$(Q)$(MAKE) --no-print-directory test-build
	$(Q)tests/run.sh
.PHONY: check

# make fuzz: longer fuzzing runs (FUZZ_SECONDS each, default 300).
fuzz:
	$(Q)scripts/deps.sh
	$(Q)$(MAKE) --no-print-directory fuzz-run
fuzz-run: $(FUZZ_BINS)
	$(Q)tests/fuzz/run.sh $(or $(FUZZ_SECONDS),300) $(FUZZ_BINS)
.PHONY: fuzz fuzz-run

# ---- the network examples, built by their own Makefiles as a user builds them --
# (the installed tree's build is tests/install.bats'), and as Linux programs; their hvt
# images also go with the test guests, as example_NAME.hvt, for the hvt cases' VM.
# (https reads its certificate from a block device: no Linux build.)
NET_EXAMPLES := echo http https
NET_EXAMPLES_LINUX := echo http
NET_EXAMPLE_DEPS_https := $(MBEDTLS_FILES)
define net_example
$(B)/examples/$(1)/.built: $(wildcard examples/$(1)/*) $(LIBC_FILES) $(TOOLCHAIN_FILES) \
	$(TARGETS:%=$(S_LIB)/solo5_%.o) $(S_BIN)/solo5-elftool $$(NET_EXAMPLE_DEPS_$(1))
	$$(call cmd,EXAMPLE,$(1))$$(MAKE) -s --no-print-directory -C examples/$(1) \
	TOOLCHAIN=$(abspath $(S_BIN)) OUT=$(abspath $(B)/examples/$(1)) all \
	$(if $(filter $(1),$(NET_EXAMPLES_LINUX)),linux) >/dev/null && \
	mkdir -p $(GUEST_TEST_B) && cp $(B)/examples/$(1)/$(1).hvt $(GUEST_TEST_B)/example_$(1).hvt && \
	touch $$@
test-build: $(B)/examples/$(1)/.built
endef
$(foreach e,$(NET_EXAMPLES),$(eval $(call net_example,$(e))))

# ---- host test tools (tap descriptor helper, durability checker, socket peer) --
TOOL_BINS := $(patsubst tests/tools/%.c,$(TESTS_B)/tools/%,$(wildcard tests/tools/*.c))
$(TESTS_B)/tools/%: tests/tools/%.c
	$(call cmd,CC,$@)mkdir -p $(@D) && $(HOST_CC) -O2 $(WARN) -o $@ $<
test-build: $(TOOL_BINS)

# ---- specialized tenders the hvt cases run (solo5-hvt-configure from the stage) ----
SPEC_GUESTS := hello net blk mixed
SPEC_TENDERS := $(SPEC_GUESTS:%=$(TESTS_B)/tenders/solo5-hvt-%)
$(TESTS_B)/tenders/solo5-hvt-%: $(TESTS_B)/guest/%.hvt $(S_BIN)/solo5-hvt-configure \
	$(S_BIN)/solo5-hvt
	$(call cmd,CONFIGURE,$@)mkdir -p $(@D) && \
	$(S_BIN)/solo5-hvt-configure -o $@ $< >/dev/null
# The make fragment as a unikernel's build uses it: a clean copy of the example,
# whose Makefile includes the fragment, builds hello.hvt and then its tender.
FRAG_B := $(TESTS_B)/tenders/frag
$(FRAG_B)/solo5-hvt-hello: $(wildcard examples/hello/*) $(TOOLCHAIN_FILES) \
	$(S_LIB)/solo5_hvt.o $(S_BIN)/solo5-elftool $(S_BIN)/solo5-hvt-configure \
	$(S_BIN)/solo5-hvt
	$(call cmd,FRAGMENT,$@)rm -rf $(@D) && mkdir -p $(@D) && \
	cp examples/hello/* $(@D)/ && cd $(@D) && \
	$(abspath $(S_BIN))/solo5-hvt-configure --makefile && \
	$(MAKE) -s --no-print-directory TOOLCHAIN=$(abspath $(S_BIN)) hello.hvt \
	solo5-hvt-hello >/dev/null
test-build: $(SPEC_TENDERS) $(FRAG_B)/solo5-hvt-hello
$(B)/san/tests/unit/%.o: HOST_CFLAGS += -Ielftool
.SECONDARY: $(UNIT_SRCS:tests/unit/%.c=$(B)/san/tests/unit/%.o)

# hvt unit tests also link the hvt code they test.
HVT_UNIT_OBJS := $(patsubst %.c,$(B)/san/%.o,$(filter-out %/hvt_main.c,$(HVT_SRCS)))
$(TESTS_B)/unit/test_hvt_%: $(B)/san/tests/unit/test_hvt_%.o $(HVT_UNIT_OBJS) \
	$(B)/san/libcommon.a
	$(call cmd,LD,$@)mkdir -p $(@D) && \
	$(HOST_CC) $(SAN_FLAGS) -o $@ $^ -lcmocka -pthread
$(B)/san/tests/unit/test_hvt_%.o $(HVT_UNIT_OBJS): HOST_CFLAGS += -Itenders/hvt

# ---- tenders that withhold the block features, as Solo5 v0.12's do ----------
# The same core and modules, with tests/tenders/block_offer_none.c linked before
# the common library, so its dev_block_offer (features 0) stands in for
# common_dev_block_offer.c's: one block per request, no flush (spec 10.1).
NOFEAT_OBJ := $(B)/host/tests/tenders/block_offer_none.o
$(NOFEAT_OBJ): HOST_CFLAGS += -fPIE
$(TESTS_B)/tenders/solo5-spt-noblkfeat: $(SPT_SRCS:%.c=$(B)/host/%.o) $(NOFEAT_OBJ) \
	$(B)/host/libcommon.a
	$(call cmd,LD,$@)mkdir -p $(@D) && $(HOST_CC) -static-pie -o $@ $^
$(TESTS_B)/tenders/solo5-hvt-noblkfeat: $(filter-out %.a,$(KIT_OBJS)) $(NOFEAT_OBJ) \
	$(KIT)/libmodules.a $(KIT)/libcommon.a
	$(call cmd,LD,$@)mkdir -p $(@D) && $(HOST_CC) $(HVT_LDFLAGS) -o $@ $^ $(HVT_LIBS)
test-build: $(TESTS_B)/tenders/solo5-spt-noblkfeat $(TESTS_B)/tenders/solo5-hvt-noblkfeat

# ---- mbexit: the smallest multiboot kernel (virtio launcher tests, bench baseline) --
$(TESTS_B)/tools/mbexit: tests/tools/mbexit.S tests/tools/mbexit.lds
	$(call cmd,AS,$@)mkdir -p $(@D) && $(GUEST_CC) -m32 -c -o $@.o $< && \
	$(GUEST_LD) -m elf_i386 -T tests/tools/mbexit.lds -o $@ $@.o && rm -f $@.o
test-build: $(TESTS_B)/tools/mbexit

include tests/libc/rules.mk
include tests/zlib/rules.mk
include tests/ocaml/rules.mk
include tests/mbedtls/rules.mk
include tests/gmp/rules.mk
include tests/zarith/rules.mk
include tests/outside/rules.mk
