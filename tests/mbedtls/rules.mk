# mbed TLS's own test suites as unikernels (included by tests/rules.mk).
# Each tests/suites/test_suite_NAME.data of mbed TLS's source is a suite: mbed
# TLS's generate_test_code.py turns it and its .function file into a C program
# and NAME.datax, which is linked into the program (datax.S) and read through
# fopen (datafile.c, -Wl,--wrap=fopen). The program, mbed TLS's test helpers
# (tests/src) and those two are compiled with the staged wrapper and
# --specs=picolibc.specs and linked as a user links one, with the staged
# libraries: -lmbedtls -lmbedx509 -lmbedcrypto. Every suite is built for spt,
# the suites of MBEDTLS_SUBSET for hvt and virtio too: bin/NAME.TARGET, the hvt
# ones also copied to the guest folder as mbedtls_NAME.hvt for the VM of the
# hvt cases. suites.list ("NAME TARGET...", one suite a line) is what
# tests/mbedtls/gen-bats makes build/tests/mbedtls.bats of.
MBEDTLS_TEST_B := $(TESTS_B)/mbedtls
MBEDTLS_T := $(MBEDTLS_CSRC)/tests
# The suites hvt and virtio run too: ciphers, AEAD, hashes, DRBGs and the
# entropy source, certificates, and TLS handshakes in memory.
MBEDTLS_SUBSET := aes.cbc gcm.aes128_de shax ctr_drbg entropy random x509parse
# The suites, known only once the source is there: suites.list's recipe runs
# make again (mbedtls-suites), where this finds them.
MBEDTLS_SUITES = $(sort $(patsubst $(MBEDTLS_T)/suites/test_suite_%.data,%,\
	$(wildcard $(MBEDTLS_T)/suites/test_suite_*.data)))
MBEDTLS_HELPER_SRCS = $(sort $(wildcard $(MBEDTLS_T)/src/*.c $(MBEDTLS_T)/src/drivers/*.c \
	$(MBEDTLS_T)/src/test_helpers/*.c))
MBEDTLS_HELPER_OBJS = $(MBEDTLS_HELPER_SRCS:$(MBEDTLS_T)/src/%.c=$(MBEDTLS_TEST_B)/helpers/%.o)
# As mbed TLS's tests/CMakeLists.txt compiles them: its test headers and the
# library's private ones (not its -D_POSIX_C_SOURCE, for -std=c99: picolibc's
# default, GNU C, declares what the tests use, strcasecmp included); the
# rest are Kiln's usual flags. And as
# for a platform that is not Unix-like (the compiler defines __unix__ for its
# Linux host): the suites' Unix-only code needs files and descriptors a
# unikernel does not have: the runner's redirection of stdout to /dev/null
# with dup and dup2 (without it, output is printed, as with --verbose), and
# the net suite's poll_beyond_fd_setsize, with setrlimit and open, which that
# suite then skips by its own dependency (MBEDTLS_PLATFORM_IS_UNIXLIKE).
MBEDTLS_TEST_CFLAGS := --specs=picolibc.specs -O2 -g -Wall -Wextra -Werror \
	-Wno-unused-function -I$(MBEDTLS_T)/include \
	-I$(MBEDTLS_CSRC)/library -I$(MBEDTLS_CSRC)/3rdparty/everest/include
MBEDTLS_TEST_LIBS := -lmbedtls -lmbedx509 -lmbedcrypto
MBEDTLS_GEN := python3 $(MBEDTLS_T)/scripts/generate_test_code.py
MBEDTLS_GEN_DEPS = $(addprefix $(MBEDTLS_T)/suites/,helpers.function main_test.function \
	host_test.function) $(MBEDTLS_T)/scripts/generate_test_code.py

$(MBEDTLS_TEST_B)/helpers/%.o: $(MBEDTLS_T)/src/%.c $(MBEDTLS_FILES) $(TOOLCHAIN_FILES) \
	$(LIBC_FILES) tests/mbedtls/rules.mk
	$(call cmd,CC-GUEST,$@)mkdir -p $(@D) && $(TCC) $(MBEDTLS_TEST_CFLAGS) -c -o $@ $<
$(MBEDTLS_TEST_B)/datafile.o: tests/mbedtls/datafile.c $(TOOLCHAIN_FILES) $(LIBC_FILES)
	$(call cmd,CC-GUEST,$@)mkdir -p $(@D) && $(TCC) --specs=picolibc.specs -std=gnu11 \
	-O2 -g $(WARN) -c -o $@ $<
$(MBEDTLS_TEST_B)/manifest.o: tests/libc/manifest.json $(S_BIN)/solo5-elftool $(TOOLCHAIN_FILES)
	$(call cmd,MFT,$@)mkdir -p $(@D) && \
	$(S_BIN)/solo5-elftool gen-manifest $< $(@:.o=.c) && $(TCC) -c -o $@ $(@:.o=.c)

# $(call mbedtls_suite,NAME): NAME's program and data, compiled; its links.
# The .function file is the one of NAME's first dot-separated word.
define mbedtls_suite
$(MBEDTLS_TEST_B)/gen/test_suite_$(1).c $(MBEDTLS_TEST_B)/gen/test_suite_$(1).datax &: \
	$(MBEDTLS_T)/suites/test_suite_$(1).data \
	$(MBEDTLS_T)/suites/test_suite_$(firstword $(subst ., ,$(1))).function $(MBEDTLS_GEN_DEPS)
	$$(call cmd,GEN,$(MBEDTLS_TEST_B)/gen/test_suite_$(1).c)mkdir -p $(MBEDTLS_TEST_B)/gen && \
	$(MBEDTLS_GEN) -f $(MBEDTLS_T)/suites/test_suite_$(firstword $(subst ., ,$(1))).function \
	-d $(MBEDTLS_T)/suites/test_suite_$(1).data -t $(MBEDTLS_T)/suites/main_test.function \
	-p $(MBEDTLS_T)/suites/host_test.function -s $(MBEDTLS_T)/suites \
	--helpers-file $(MBEDTLS_T)/suites/helpers.function -o $(MBEDTLS_TEST_B)/gen >/dev/null
$(MBEDTLS_TEST_B)/obj/test_suite_$(1).o: $(MBEDTLS_TEST_B)/gen/test_suite_$(1).c \
	$(MBEDTLS_FILES) $(TOOLCHAIN_FILES) $(LIBC_FILES) tests/mbedtls/rules.mk
	$$(call cmd,CC-GUEST,$$@)mkdir -p $$(@D) && $(TCC) $(MBEDTLS_TEST_CFLAGS) \
	-U__unix__ -U__unix -Uunix -c -o $$@ $$<
$(MBEDTLS_TEST_B)/obj/datax_$(1).o: tests/mbedtls/datax.S $(MBEDTLS_TEST_B)/gen/test_suite_$(1).datax \
	$(TOOLCHAIN_FILES)
	$$(call cmd,AS-GUEST,$$@)mkdir -p $$(@D) && \
	$(TCC) -DDATAX='"$(abspath $(MBEDTLS_TEST_B)/gen/test_suite_$(1).datax)"' -c -o $$@ $$<
$(foreach t,$(if $(filter $(1),$(MBEDTLS_SUBSET)),$(TARGETS),spt),$(call mbedtls_link,$(1),$(t)))
endef
# $(call mbedtls_link,NAME,TARGET): bin/NAME.TARGET.
define mbedtls_link
$(MBEDTLS_TEST_B)/bin/$(1).$(2): $(MBEDTLS_TEST_B)/obj/test_suite_$(1).o \
	$(MBEDTLS_TEST_B)/obj/datax_$(1).o $(MBEDTLS_TEST_B)/datafile.o $(MBEDTLS_HELPER_OBJS) \
	$(MBEDTLS_TEST_B)/manifest.o $(MBEDTLS_FILES) $(S_LIB)/solo5_$(2).o $(S_LIB)/solo5_$(2).lds
	$$(call cmd,LD-GUEST,$$@)mkdir -p $$(@D) && $(TCC) --specs=picolibc.specs \
	-z solo5-abi=$(2) -Wl,--wrap=fopen -o $$@ $$(filter %.o,$$(filter-out $(S_LIB)/%,$$^)) \
	$(MBEDTLS_TEST_LIBS)
MBEDTLS_SUITE_BINS += $(MBEDTLS_TEST_B)/bin/$(1).$(2)

endef
$(foreach s,$(MBEDTLS_SUITES),$(eval $(call mbedtls_suite,$(s))))
# The hvt ones go to the VM with the test guests, without their debugging sections.
$(GUEST_TEST_B)/mbedtls_%.hvt: $(MBEDTLS_TEST_B)/bin/%.hvt
	$(call cmd,STRIP,$@)mkdir -p $(@D) && $(GUEST_OBJCOPY) --strip-debug $< $@
mbedtls-suites: $(MBEDTLS_SUITE_BINS) $(if $(filter hvt,$(TARGETS)),\
	$(patsubst %,$(GUEST_TEST_B)/mbedtls_%.hvt,$(filter $(MBEDTLS_SUBSET),$(MBEDTLS_SUITES))))
.PHONY: mbedtls-suites

$(MBEDTLS_TEST_B)/suites.list: $(MBEDTLS_CSRC)/.configured $(MBEDTLS_FILES) $(TOOLCHAIN_FILES) \
	$(LIBC_FILES) $(TARGETS:%=$(S_LIB)/solo5_%.o) $(S_BIN)/solo5-elftool \
	tests/mbedtls/rules.mk tests/mbedtls/datafile.c tests/mbedtls/datax.S
	$(Q)$(MAKE) --no-print-directory mbedtls-suites
	$(call cmd,GEN,$@)for s in $$(cd $(MBEDTLS_T)/suites && ls test_suite_*.data | \
	  sed 's/^test_suite_\(.*\)\.data$$/\1/' | sort); do \
	  printf '%s' "$$s"; for t in $(TARGETS); do \
	    [ ! -f $(MBEDTLS_TEST_B)/bin/$$s.$$t ] || printf ' %s' $$t; done; echo; \
	done >$@.tmp && mv $@.tmp $@
$(TESTS_B)/mbedtls.bats: $(MBEDTLS_TEST_B)/suites.list tests/mbedtls/gen-bats
	$(call cmd,GEN,$@)tests/mbedtls/gen-bats $(abspath .) $< >$@
test-build: $(if $(LIBC),$(TESTS_B)/mbedtls.bats)
